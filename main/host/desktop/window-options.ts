import { PRODUCT } from '../product.ts'
import type { Rectangle } from './window-bounds.ts'

/**
 * The main window's options, in the shape of Electron's `BrowserWindowConstructorOptions`:
 * context-isolated, sandboxed, no Node in the renderer, only the preload's port
 * (Electron's security checklist, items 2–4, 6, 8–12).
 */
export function mainWindowOptions(options: {
  preloadPath: string
  dark: boolean
  bounds: Rectangle | undefined
}) {
  return {
    title: PRODUCT.productName,
    ...(options.bounds ?? DEFAULT_SIZE),
    minWidth: 900,
    minHeight: 560,
    // Shown on `ready-to-show`, so the window never flashes an empty page.
    show: false,
    backgroundColor: options.dark ? '#16181d' : '#f7f8fa',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  } as const
}

export const DEFAULT_SIZE = { width: 1280, height: 800 } as const
