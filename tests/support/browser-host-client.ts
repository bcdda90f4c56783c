import { once } from 'node:events'
import { WebSocket } from 'ws'
import {
  RPC_DOWN_PATH,
  StreamFrameReader,
  createSplitTransport,
  type FrameSource,
  type Transport,
} from '#common/rpc/index.ts'
import type { BrowserHost } from '../../main/host/browser-host.ts'

/** Opens `/rpc` on a running browser host the way its own page would: own Origin, right token. */
export async function openRpcSocket(
  host: BrowserHost,
  overrides: { origin?: string; token?: string | null; hostHeader?: string; channel?: string } = {},
): Promise<WebSocket> {
  const token = overrides.token === undefined ? host.token : overrides.token
  const query = [
    ...(token === null ? [] : [`token=${token}`]),
    ...(overrides.channel ? [`channel=${overrides.channel}`] : []),
  ]
  const url = `ws://127.0.0.1:${host.port}/rpc${query.length > 0 ? `?${query.join('&')}` : ''}`
  const socket = new WebSocket(url, {
    origin: overrides.origin ?? `http://127.0.0.1:${host.port}`,
    ...(overrides.hostHeader ? { headers: { Host: overrides.hostHeader } } : {}),
  })
  await once(socket, 'open')
  return socket
}

/** The host's messages from `/rpc/down` for `channel`, read with fetch as the page reads them. */
export async function openDownStream(
  host: BrowserHost,
  channel: string,
  token = host.token,
  signal?: AbortSignal,
): Promise<FrameSource & { response: Response }> {
  const response = await fetch(
    `http://127.0.0.1:${host.port}${RPC_DOWN_PATH}?token=${token}&channel=${channel}`,
    { signal },
  )
  const listeners = new Set<(message: string | Uint8Array) => void>()
  const closeListeners = new Set<() => void>()
  if (response.ok) {
    const reader = new StreamFrameReader()
    void (async () => {
      try {
        for await (const chunk of response.body!)
          reader.push(chunk, (message) => {
            for (const listener of listeners) listener(message)
          })
      } catch {
        // The stream was cut: reported as its end.
      }
      for (const listener of closeListeners) listener()
    })()
  }
  return {
    response,
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

/** The page's transport: calls up `/rpc`, the host's messages down `/rpc/down`. */
export async function openSplitTransport(
  host: BrowserHost,
): Promise<{ transport: Transport; socket: WebSocket }> {
  const channel = crypto.randomUUID()
  const socket = await openRpcSocket(host, { channel })
  const down = await openDownStream(host, channel)
  return { transport: createSplitTransport(socket, down), socket }
}
