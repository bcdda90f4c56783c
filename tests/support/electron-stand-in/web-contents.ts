import { EventEmitter } from 'node:events'

/**
 * The stand-in's web contents and frames: Electron's documented `WebContents` and `WebFrameMain`
 * surface that the shell uses, plus the actions a page takes (navigate, open a window, send IPC),
 * each emitting the events Electron would, with the arguments Electron documents.
 */

/** Electron's `Event`: what listeners get, and whether one of them called `preventDefault()`. */
export interface StandInEvent {
  defaultPrevented: boolean
  preventDefault(): void
}

export function createEvent<Details extends object>(details: Details): StandInEvent & Details {
  return {
    ...details,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true
    },
  }
}

/** `WebFrameMain`: a frame's URL and its parent (null for the top frame). */
export class StandInFrame {
  url: string
  readonly parent: StandInFrame | null
  readonly frames: StandInFrame[] = []

  constructor(url: string, parent: StandInFrame | null) {
    this.url = url
    this.parent = parent
    parent?.frames.push(this)
  }

  get top(): StandInFrame {
    return this.parent?.top ?? this
  }
}

export interface WindowOpenDetails {
  url: string
  frameName: string
  features: string
  disposition: 'default' | 'foreground-tab' | 'background-tab' | 'new-window' | 'other'
  referrer: { url: string; policy: string }
}

type WindowOpenHandler = (details: WindowOpenDetails) => { action: 'allow' | 'deny' }

/** How a page's request goes out: through the registered scheme handler, as Chromium would. */
export type PageFetch = (url: string) => Promise<Response>

let nextContentsId = 1

export class StandInWebContents extends EventEmitter {
  readonly id = nextContentsId++
  mainFrame = new StandInFrame('', null)
  /** The status of the last page load, as the page's network panel would show it. */
  lastLoad: { url: string; status: number; headers: Headers; body: string } | null = null
  #destroyed = false
  #windowOpenHandler: WindowOpenHandler | null = null
  readonly #fetchPage: PageFetch
  /** Listeners the preload added with `ipcRenderer.on`, by channel. */
  readonly rendererListeners = new Map<string, Set<(event: object, ...args: unknown[]) => void>>()

  constructor(fetchPage: PageFetch) {
    super()
    this.#fetchPage = fetchPage
  }

  // --- Electron's API -------------------------------------------------------------------------

  isDestroyed(): boolean {
    return this.#destroyed
  }

  getURL(): string {
    return this.mainFrame.url
  }

  /** Messages to the renderer are structured-cloned and arrive asynchronously, as over IPC. */
  send(channel: string, ...args: unknown[]): void {
    if (this.#destroyed) throw new Error('Object has been destroyed')
    const cloned = structuredClone(args)
    setImmediate(() => {
      for (const listener of this.rendererListeners.get(channel) ?? []) {
        listener({ sender: null }, ...cloned)
      }
    })
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.#windowOpenHandler = handler
  }

  /** Loads a page the way `loadURL` does: a new top frame, then `did-finish-load`. */
  async loadURL(url: string): Promise<void> {
    const response = await this.#fetchPage(url)
    this.lastLoad = {
      url,
      status: response.status,
      headers: response.headers,
      body: await response.text(),
    }
    this.mainFrame = new StandInFrame(url, null)
    this.emit('dom-ready')
    this.emit('did-finish-load')
  }

  /** Resolves once a page has loaded (the preload runs in that page's frame). */
  whenLoaded(): Promise<void> {
    if (this.lastLoad !== null) return Promise.resolve()
    return new Promise((resolve) => this.once('did-finish-load', () => resolve()))
  }

  // --- what a page does -----------------------------------------------------------------------

  /** The page navigates its top frame (a link, `location.href = …`): `will-navigate` first. */
  async navigate(url: string): Promise<{ prevented: boolean }> {
    const event = createEvent({
      url,
      isSameDocument: false,
      isMainFrame: true,
      frame: this.mainFrame,
      initiator: this.mainFrame,
    })
    this.emit('will-navigate', event, url, false, true)
    if (!event.defaultPrevented) await this.loadURL(url)
    return { prevented: event.defaultPrevented }
  }

  /** A navigation is redirected by the server: `will-redirect`. */
  redirect(url: string): { prevented: boolean } {
    const event = createEvent({
      url,
      isSameDocument: false,
      isMainFrame: true,
      frame: this.mainFrame,
    })
    this.emit('will-redirect', event, url, false, true)
    return { prevented: event.defaultPrevented }
  }

  /** The page calls `window.open(url)`: the handler decides. Without one, Electron allows it. */
  openWindow(url: string): { action: 'allow' | 'deny' } {
    return (
      this.#windowOpenHandler?.({
        url,
        frameName: '',
        features: '',
        disposition: 'new-window',
        referrer: { url: this.mainFrame.url, policy: 'strict-origin-when-cross-origin' },
      }) ?? { action: 'allow' }
    )
  }

  /** A `<webview>` is about to attach: `will-attach-webview`. */
  attachWebview(src: string): { prevented: boolean } {
    const event = createEvent({})
    this.emit('will-attach-webview', event, { nodeIntegration: true }, { src })
    return { prevented: event.defaultPrevented }
  }

  /** A subframe (an iframe) inside the current page. */
  addSubframe(url: string): StandInFrame {
    return new StandInFrame(url, this.mainFrame)
  }

  destroy(): void {
    if (this.#destroyed) return
    this.#destroyed = true
    this.emit('destroyed')
  }
}
