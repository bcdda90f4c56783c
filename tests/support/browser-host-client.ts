import { once } from 'node:events'
import { WebSocket } from 'ws'
import type { BrowserHost } from '../../main/host/browser-host.ts'

/** Opens `/rpc` on a running browser host the way its own page would: own Origin, right token. */
export async function openRpcSocket(
  host: BrowserHost,
  overrides: { origin?: string; token?: string | null; hostHeader?: string } = {},
): Promise<WebSocket> {
  const token = overrides.token === undefined ? host.token : overrides.token
  const url = `ws://127.0.0.1:${host.port}/rpc${token === null ? '' : `?token=${token}`}`
  const socket = new WebSocket(url, {
    origin: overrides.origin ?? `http://127.0.0.1:${host.port}`,
    ...(overrides.hostHeader ? { headers: { Host: overrides.hostHeader } } : {}),
  })
  await once(socket, 'open')
  return socket
}
