import { app, BrowserWindow, Menu, safeStorage, shell } from 'electron'
import { join } from 'node:path'
import { serveApi } from '#common/rpc/index.ts'
import { createAppApi } from '../host/app-api.ts'
import { createDebugLog } from '../host/debug-log.ts'
import { aboutPanelOptions, appMenuTemplate } from '../host/desktop/app-menu.ts'
import { appEntryUrl, createAppUrlCheck } from '../host/desktop/app-url.ts'
import { createIpcGuard } from '../host/desktop/ipc-guard.ts'
import { safeStorageCodec } from '../host/desktop/safe-storage-codec.ts'
import { packageRoot, rendererDir } from '../host/paths.ts'
import { survivePromiseFailures } from '../host/process-guard.ts'
import { registerAppScheme, serveRendererOnAppScheme } from './app-protocol.ts'
import { createIpcTransport } from './ipc-transport.ts'
import { hardenApp } from './security.ts'
import { createMainWindow } from './window.ts'

// `electron-vite dev` serves the renderer with hot reload; a packaged app never does.
const entryUrl = appEntryUrl({
  isPackaged: app.isPackaged,
  devServerUrl: process.env.ELECTRON_RENDERER_URL,
})
const isAppUrl = createAppUrlCheck(entryUrl)
const debugIpc = createDebugLog('ipc')
const stopGuarding = survivePromiseFailures((line) => console.error(line))
app.on('quit', stopGuarding)

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
  await serveRendererOnAppScheme(rendererDir(), isAppUrl)
  app.setAboutPanelOptions(aboutPanelOptions(process.versions))
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate({
        platform: process.platform,
        isDevelopment: !app.isPackaged,
        openExternal: (url) => void shell.openExternal(url),
      }),
    ),
  )
  const dataDir = app.getPath('userData')
  const appHost = createAppApi({
    shell: 'electron',
    dataDir,
    versions: { electron: process.versions.electron, chromium: process.versions.chrome },
    secrets: safeStorageCodec(safeStorage),
  })

  const openWindow = (): void => {
    const window = createMainWindow(
      join(packageRoot(), 'out', 'preload', 'index.cjs'),
      join(dataDir, 'window-placement.json'),
    )
    const guard = createIpcGuard({ contents: window.webContents, isAppUrl, log: debugIpc })
    const stopServing = serveApi(
      appHost.api,
      appHost.events,
      createIpcTransport(window.webContents, guard),
      {
        onInternalError: (error, method) => console.error(`Internal error in ${method}():`, error),
      },
    )
    window.on('closed', stopServing)
    void window.loadURL(entryUrl)
  }

  openWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  // Connections, the demo server and the session database close before the process ends.
  let closed = false
  app.on('will-quit', (event) => {
    if (closed) return
    event.preventDefault()
    void appHost.close().finally(() => {
      closed = true
      app.quit()
    })
  })
}
