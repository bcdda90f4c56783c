import { once } from 'node:events'
import { WebSocket, type ClientOptions } from 'ws'

export interface ReceivedFrame {
  data: Buffer
  isBinary: boolean
}

/** Opens a `ws` client and collects every frame it receives. */
export async function connectWs(
  url: string,
  protocols: string[] = [],
  options: ClientOptions = {},
): Promise<{ socket: WebSocket; frames: ReceivedFrame[] }> {
  const socket = new WebSocket(url, protocols, options)
  const frames: ReceivedFrame[] = []
  socket.on('message', (data, isBinary) => frames.push({ data: data as Buffer, isBinary }))
  await once(socket, 'open')
  return { socket, frames }
}

/** Resolves with the close code and reason the client saw. */
export async function closeOf(socket: WebSocket): Promise<{ code: number; reason: string }> {
  if (socket.readyState === WebSocket.CLOSED)
    throw new Error('The socket closed before closeOf() was called')
  const [code, reason] = (await once(socket, 'close')) as [number, Buffer]
  return { code, reason: reason.toString() }
}

/** The HTTP status with which an upgrade is refused. */
export async function refusedUpgradeStatus(
  url: string,
  options: ClientOptions = {},
): Promise<number> {
  const socket = new WebSocket(url, options)
  socket.on('error', () => {})
  const [, response] = (await once(socket, 'unexpected-response')) as [
    unknown,
    { statusCode: number },
  ]
  socket.terminate()
  return response.statusCode
}
