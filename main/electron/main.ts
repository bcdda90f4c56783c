import { app, BrowserWindow } from 'electron'
import { join } from 'node:path'
import { serveApi } from '#common/rpc/index.ts'
import { createAppApi } from '../host/app-api.ts'
import { packageRoot, rendererDir } from '../host/paths.ts'
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  registerAppScheme,
  serveRendererOnAppScheme,
} from './app-protocol.ts'
import { createIpcTransport } from './ipc-transport.ts'
import { safeStorageCodec } from './secret-codec.ts'
import { hardenApp } from './security.ts'
import { createMainWindow } from './window.ts'

// `electron-vite dev` serves the renderer with hot reload; a packaged app never does.
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined
const trustedOrigin = devServerUrl ? new URL(devServerUrl).origin : APP_ORIGIN
const isAppUrl = (url: string): boolean =>
  URL.canParse(url) && new URL(url).origin === trustedOrigin

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.enableSandbox()
  registerAppScheme()
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows()
    if (window?.isMinimized()) window.restore()
    window?.focus()
  })
  await app.whenReady()
  await start()
}

async function start(): Promise<void> {
  hardenApp(isAppUrl)
  await serveRendererOnAppScheme(rendererDir())
  const appHost = createAppApi({
    shell: 'electron',
    dataDir: app.getPath('userData'),
    versions: { electron: process.versions.electron, chromium: process.versions.chrome },
    secrets: safeStorageCodec(),
  })

  const openWindow = (): void => {
    const window = createMainWindow(join(packageRoot(), 'out', 'preload', 'index.cjs'))
    const stopServing = serveApi(
      appHost.api,
      appHost.events,
      createIpcTransport(window.webContents, isAppUrl),
      {
        onInternalError: (error, method) => console.error(`Internal error in ${method}():`, error),
      },
    )
    window.on('closed', stopServing)
    void window.loadURL(devServerUrl ?? APP_ENTRY_URL)
  }

  openWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('will-quit', () => void appHost.close())
}
