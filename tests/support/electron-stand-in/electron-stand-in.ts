import { EventEmitter } from 'node:events'
import { createEvent, StandInWebContents, type StandInFrame } from './web-contents.ts'

/**
 * A stand-in of the part of Electron's main-process API the shell uses, following Electron's
 * documentation (electronjs.org/docs/latest/api): the same names, arguments and event order,
 * and the same rules where breaking them is a bug (schemes are registered before `ready`,
 * handlers after). It is the only fake in the shell suite: the built bundle, the renderer files
 * and the RPC core under it are the real ones.
 */

interface Rectangle {
  x: number
  y: number
  width: number
  height: number
}

export interface StandInOptions {
  /** `app.getPath('userData')`. */
  userData: string
  isPackaged?: boolean
  /** What `requestSingleInstanceLock()` answers: false when another instance runs. */
  singleInstanceLock?: boolean
  /** Each display's work area; default one 1920×1080 display. */
  workAreas?: Rectangle[]
  /** What safeStorage offers: the OS keychain, Linux's hard-coded key, or nothing. */
  safeStorageBackend?: 'keychain' | 'basic_text' | 'none'
}

type SchemeHandler = (request: Request) => Response | Promise<Response>
type PermissionRequestHandler = (
  contents: StandInWebContents,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl: string; isMainFrame: boolean },
) => void
type PermissionCheckHandler = (
  contents: StandInWebContents | null,
  permission: string,
  requestingOrigin: string,
  details: { requestingUrl?: string; isMainFrame: boolean },
) => boolean
interface MenuTemplateItem {
  label?: string
  role?: string
  type?: string
  submenu?: MenuTemplateItem[]
  click?: () => void
}

export function createElectronStandIn(options: StandInOptions) {
  let ready = false
  const privilegedSchemes: { scheme: string; privileges: Record<string, boolean> }[] = []
  const schemeHandlers = new Map<string, SchemeHandler>()
  const windows: StandInBrowserWindow[] = []
  const openedExternally: string[] = []
  const calls = { enableSandbox: 0, quit: 0 }
  let permissionRequestHandler: PermissionRequestHandler | null = null
  let permissionCheckHandler: PermissionCheckHandler | null = null
  let applicationMenu: { items: MenuTemplateItem[] } | null = null
  let aboutPanel: Record<string, string> | null = null
  const quitDone = Promise.withResolvers<void>()

  /** A page's request: Chromium sends requests on a registered scheme to its handler. */
  async function fetchPage(url: string, method = 'GET'): Promise<Response> {
    const handler = schemeHandlers.get(new URL(url).protocol.slice(0, -1))
    if (!handler) throw new Error(`net::ERR_UNKNOWN_URL_SCHEME (${url})`)
    return handler(new Request(url, { method }))
  }

  const app = Object.assign(new EventEmitter(), {
    isPackaged: options.isPackaged ?? false,
    requestSingleInstanceLock: () => options.singleInstanceLock ?? true,
    enableSandbox() {
      if (ready) throw new Error('app.enableSandbox() must be called before the app is ready')
      calls.enableSandbox += 1
    },
    isReady: () => ready,
    whenReady: () =>
      new Promise<void>((resolve) => {
        if (ready) return resolve()
        app.once('ready', () => resolve())
      }),
    getPath(name: string): string {
      if (name !== 'userData') throw new Error(`The stand-in knows only userData, not ${name}`)
      return options.userData
    },
    setAboutPanelOptions(panel: Record<string, string>) {
      aboutPanel = panel
    },
    /** `before-quit`, then `will-quit` (either may be prevented), then `quit`. */
    quit() {
      calls.quit += 1
      const beforeQuit = createEvent({})
      app.emit('before-quit', beforeQuit)
      if (beforeQuit.defaultPrevented) return
      const willQuit = createEvent({})
      app.emit('will-quit', willQuit)
      if (willQuit.defaultPrevented) return
      app.emit('quit', createEvent({}), 0)
      quitDone.resolve()
    },
  })
  // The app becomes ready after the main script's synchronous part, as in Electron.
  setImmediate(() => {
    ready = true
    app.emit('ready', createEvent({}), {})
  })

  const protocol = {
    registerSchemesAsPrivileged(schemes: typeof privilegedSchemes) {
      if (ready)
        throw new Error('registerSchemesAsPrivileged must be called before the app is ready')
      privilegedSchemes.push(...schemes)
    },
    handle(scheme: string, handler: SchemeHandler) {
      if (!ready) throw new Error('protocol.handle must be called after the app is ready')
      if (schemeHandlers.has(scheme)) throw new Error(`Scheme ${scheme} is already handled`)
      schemeHandlers.set(scheme, handler)
    },
  }

  const session = {
    defaultSession: {
      setPermissionRequestHandler(handler: PermissionRequestHandler | null) {
        permissionRequestHandler = handler
      },
      setPermissionCheckHandler(handler: PermissionCheckHandler | null) {
        permissionCheckHandler = handler
      },
    },
  }

  const ipcMain = new EventEmitter()

  const windowHost: WindowHost = {
    isReady: () => ready,
    workArea: () => workAreas()[0]!,
    fetchPage: (url) => fetchPage(url),
    added(window) {
      windows.push(window)
      app.emit('web-contents-created', createEvent({}), window.webContents)
      app.emit('browser-window-created', createEvent({}), window)
    },
    closedLast() {
      if (openWindows().length === 0) app.emit('window-all-closed')
    },
  }
  const openWindows = (): StandInBrowserWindow[] =>
    windows.filter((window) => !window.isDestroyed())
  const BrowserWindow: BrowserWindowClass = class extends StandInBrowserWindow {
    constructor(windowOptions: Record<string, unknown>) {
      super(windowOptions, windowHost)
    }
    static getAllWindows = openWindows
  }

  function workAreas() {
    return options.workAreas ?? [{ x: 0, y: 0, width: 1920, height: 1080 }]
  }

  const backend = options.safeStorageBackend ?? 'none'
  const modules = {
    app,
    protocol,
    session,
    ipcMain,
    BrowserWindow,
    webContents: {
      getAllWebContents: () => windows.map((window) => window.webContents),
    },
    shell: {
      openExternal(url: string): Promise<void> {
        openedExternally.push(url)
        return Promise.resolve()
      },
    },
    safeStorage: {
      isEncryptionAvailable: () => backend !== 'none',
      getSelectedStorageBackend: () => (backend === 'keychain' ? 'gnome_libsecret' : 'basic_text'),
      encryptString: (plain: string) => Buffer.from(`sealed:${plain}`).reverse(),
      decryptString: (sealed: Buffer) => Buffer.from(sealed).reverse().toString().slice(7),
    },
    nativeTheme: Object.assign(new EventEmitter(), { shouldUseDarkColors: false }),
    Menu: {
      buildFromTemplate: (template: MenuTemplateItem[]) => ({ items: template }),
      setApplicationMenu(menu: { items: MenuTemplateItem[] } | null) {
        applicationMenu = menu
      },
    },
    screen: {
      getAllDisplays: () =>
        workAreas().map((workArea, id) => ({ id, workArea, bounds: workArea, scaleFactor: 1 })),
    },
  }

  /** What a test sees and does: the pages' side of Electron. */
  const control = {
    modules,
    calls,
    privilegedSchemes,
    windows,
    openedExternally,
    get applicationMenu() {
      return applicationMenu
    },
    get aboutPanel() {
      return aboutPanel
    },
    /** A request from a page to a URL on a registered scheme. */
    request: fetchPage,
    /** A web page asks for a permission, as `navigator.mediaDevices.getUserMedia` would. */
    requestPermission(contents: StandInWebContents, permission: string): Promise<boolean> {
      return new Promise((resolve) => {
        if (!permissionRequestHandler) return resolve(true) // Electron grants by default.
        permissionRequestHandler(contents, permission, resolve, {
          requestingUrl: contents.getURL(),
          isMainFrame: true,
        })
      })
    },
    checkPermission(contents: StandInWebContents, permission: string): boolean {
      const url = contents.getURL()
      return (
        permissionCheckHandler?.(contents, permission, url, {
          requestingUrl: url,
          isMainFrame: true,
        }) ?? true
      )
    },
    /** `ipcRenderer.send` from `frame` of `contents`: cloned, delivered asynchronously. */
    sendFromRenderer(
      contents: StandInWebContents,
      frame: StandInFrame | null,
      channel: string,
      ...args: unknown[]
    ): void {
      const cloned = structuredClone(args)
      setImmediate(() => {
        const event = createEvent({
          sender: contents,
          senderFrame: frame,
          frameId: 1,
          processId: contents.id,
          ports: [],
          returnValue: undefined,
          type: 'frame' as const,
          reply: (replyChannel: string, ...replyArgs: unknown[]) =>
            contents.send(replyChannel, ...replyArgs),
        })
        ipcMain.emit(channel, event, ...cloned)
      })
    },
    /** Someone starts the app again: Electron tells the first instance. */
    launchSecondInstance(argv: string[] = []): void {
      app.emit('second-instance', createEvent({}), argv, process.cwd(), {})
    },
    /** Resolves once the app has emitted `quit`. */
    quitted: quitDone.promise,
  }
  return control
}

export type ElectronStandIn = ReturnType<typeof createElectronStandIn>
export type StandInWindow = StandInBrowserWindow

/** What a window needs from the stand-in it belongs to. */
interface WindowHost {
  isReady(): boolean
  workArea(): Rectangle
  fetchPage(url: string): Promise<Response>
  added(window: StandInBrowserWindow): void
  closedLast(): void
}

interface BrowserWindowClass {
  new (options: Record<string, unknown>): StandInBrowserWindow
  getAllWindows(): StandInBrowserWindow[]
}

/** `BrowserWindow`: a window with its web contents, bounds and lifecycle events. */
export class StandInBrowserWindow extends EventEmitter {
  readonly webContents: StandInWebContents
  readonly options: Record<string, unknown>
  focused = false
  #host: WindowHost
  #bounds: Rectangle
  #visible = false
  #maximized = false
  #minimized = false
  #destroyed = false

  constructor(windowOptions: Record<string, unknown>, host: WindowHost) {
    super()
    if (!host.isReady()) throw new Error('Cannot create BrowserWindow before app is ready')
    this.#host = host
    this.options = windowOptions
    this.webContents = new StandInWebContents((url) => host.fetchPage(url))
    const area = host.workArea()
    const width = Number(windowOptions.width ?? 800)
    const height = Number(windowOptions.height ?? 600)
    this.#bounds = {
      x: Number(windowOptions.x ?? area.x + Math.round((area.width - width) / 2)),
      y: Number(windowOptions.y ?? area.y + Math.round((area.height - height) / 2)),
      width,
      height,
    }
    host.added(this)
  }

  /** `ready-to-show` follows the first load, as the page has painted by then. */
  async loadURL(url: string): Promise<void> {
    await this.webContents.loadURL(url)
    this.emit('ready-to-show')
  }

  show(): void {
    this.#visible = true
  }
  isVisible(): boolean {
    return this.#visible
  }
  maximize(): void {
    this.#maximized = true
  }
  isMaximized(): boolean {
    return this.#maximized
  }
  minimize(): void {
    this.#minimized = true
  }
  isMinimized(): boolean {
    return this.#minimized
  }
  restore(): void {
    this.#minimized = false
  }
  focus(): void {
    this.focused = true
  }
  getBounds(): Rectangle {
    return { ...this.#bounds }
  }
  getNormalBounds(): Rectangle {
    return { ...this.#bounds }
  }
  setBounds(bounds: Partial<Rectangle>): void {
    this.#bounds = { ...this.#bounds, ...bounds }
  }
  isDestroyed(): boolean {
    return this.#destroyed
  }

  /** The user closes the window: `close` (preventable), then `closed`, then maybe quit. */
  close(): void {
    const event = createEvent({})
    this.emit('close', event)
    if (event.defaultPrevented) return
    this.#destroyed = true
    this.webContents.destroy()
    this.emit('closed')
    this.#host.closedLast()
  }
}
