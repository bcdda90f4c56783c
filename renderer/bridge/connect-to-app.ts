import type { Shell } from '#common/contract/index.ts'
import {
  createApiClient,
  createWebSocketTransport,
  PRELOAD_GLOBAL,
  type ApiClient,
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

  const socket = new WebSocket(rpcUrl(win))
  // Batches of rows come as binary frames: read as ArrayBuffers, not Blobs (an async read each).
  socket.binaryType = 'arraybuffer'
  const bridge = bridgeOver(createWebSocketTransport(socket), 'browser')
  return bridge
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
function rpcUrl(win: Window): string {
  const pageUrl = new URL(win.location.href)
  const token = pageUrl.searchParams.get('token') ?? win.sessionStorage.getItem(TOKEN_KEY) ?? ''
  win.sessionStorage.setItem(TOKEN_KEY, token)
  if (pageUrl.searchParams.has('token')) {
    pageUrl.searchParams.delete('token')
    win.history.replaceState(null, '', pageUrl)
  }
  const url = new URL('/rpc', pageUrl)
  url.protocol = pageUrl.protocol === 'https:' ? 'wss:' : 'ws:'
  url.searchParams.set('token', token)
  return url.href
}
