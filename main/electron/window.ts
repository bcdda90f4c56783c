import { BrowserWindow, nativeTheme } from 'electron'
import { PRODUCT } from '../host/product.ts'

/** The main window: context-isolated, sandboxed, no Node in the renderer, only the preload port. */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    title: PRODUCT.productName,
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 560,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#16181d' : '#f7f8fa',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  })
  window.once('ready-to-show', () => window.show())
  return window
}
