import type { Shell } from '#common/contract/index.ts'
import { readDownStream } from './down-stream.ts'
import {
  createApiClient,
  createSplitTransport,
  PRELOAD_GLOBAL,
  RPC_DOWN_PATH,
  RPC_PATH,
  type ApiClient,
  type FrameSource,
  type Transport,
} from '#common/rpc/index.ts'

/** The renderer's link to the app: the API client, and news of the link going down. */
export interface AppBridge {
  api: ApiClient
  shell: Shell
  /** Adds a listener told once, with a sentence, if the link to the app is lost. */
  onDisconnect(listener: (reason: string) => void): void
}

const TOKEN_KEY = 'realtime-playground:token'

/**
 * Picks the transport once: the preload's IPC port inside Electron, otherwise a WebSocket to the
 * browser host's `/rpc`, authenticated with the token from the page URL. The only renderer code
 * that knows which transport is in use.
 */
export function connectToApp(win: Window = window): AppBridge {
  const port = win[PRELOAD_GLOBAL]
  if (port) return bridgeOver(port.rpc, 'electron')

  const url = rpcUrl(win)
  const channel = win.crypto.randomUUID()
  url.searchParams.set('channel', channel)
  const socket = new WebSocket(url)
  // Until the down stream is attached, binary frames come on the socket: read as ArrayBuffers.
  socket.binaryType = 'arraybuffer'
  const down = downStream(socket, url, channel)
  return bridgeOver(createSplitTransport(socket, down), 'browser')
}

/**
 * The host's messages as a stream (see RpcChannel in the host), fetched once the socket is open
 * and read in a worker (on this thread where no worker can start). If it cannot be had, the
 * socket carries everything; once it ends, the link is down.
 */
function downStream(socket: WebSocket, rpc: URL, channel: string): FrameSource {
  const listeners = new Set<(message: string | Uint8Array) => void>()
  const closeListeners = new Set<() => void>()
  const deliver = (message: string | Uint8Array): void => {
    for (const listener of listeners) listener(message)
  }
  const ended = (): void => {
    for (const listener of closeListeners) listener()
  }
  socket.addEventListener('open', () => {
    const url = new URL(RPC_DOWN_PATH, rpc)
    url.protocol = rpc.protocol === 'wss:' ? 'https:' : 'http:'
    url.searchParams.set('token', rpc.searchParams.get('token') ?? '')
    url.searchParams.set('channel', channel)
    try {
      const worker = new Worker(new URL('./down-stream.worker.ts', import.meta.url), {
        type: 'module',
      })
      worker.onmessage = ({
        data,
      }: MessageEvent<{ message?: string | Uint8Array; ended?: true }>) => {
        if (data.message !== undefined) deliver(data.message)
        if (data.ended) {
          worker.terminate()
          ended()
        }
      }
      worker.postMessage(url.href)
    } catch {
      void readDownStream(url.href, deliver).then(ended)
    }
  })
  return {
    onMessage(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    onClose(listener) {
      closeListeners.add(listener)
      return () => closeListeners.delete(listener)
    },
  }
}

function bridgeOver(transport: Transport, shell: Shell): AppBridge {
  const api = createApiClient(transport, { timers: window })
  return {
    api,
    shell,
    onDisconnect(listener) {
      transport.onClose?.(() =>
        listener(
          'Lost the connection to the app host: it stopped, or this page’s token is not valid ' +
            'for it. Start the app again and open the URL it prints.',
        ),
      )
    },
  }
}

/** The `/rpc` URL with the run's token. The token leaves the address bar but survives a reload. */
function rpcUrl(win: Window): URL {
  const pageUrl = new URL(win.location.href)
  const token = pageUrl.searchParams.get('token') ?? win.sessionStorage.getItem(TOKEN_KEY) ?? ''
  win.sessionStorage.setItem(TOKEN_KEY, token)
  if (pageUrl.searchParams.has('token')) {
    pageUrl.searchParams.delete('token')
    win.history.replaceState(null, '', pageUrl)
  }
  const url = new URL(RPC_PATH, pageUrl)
  url.protocol = pageUrl.protocol === 'https:' ? 'wss:' : 'ws:'
  url.searchParams.set('token', token)
  return url
}
