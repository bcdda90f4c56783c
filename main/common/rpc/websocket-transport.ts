import type { Transport } from './transport.ts'

/**
 * The part of a WebSocket the transport uses. Both the browser's `WebSocket` and the `ws` package's
 * fit it, so one adapter serves the renderer and the browser host.
 */
export interface WebSocketLike {
  readonly readyState: number
  send(data: string | Uint8Array<ArrayBuffer>): void
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void
  addEventListener(type: 'open' | 'close', listener: () => void): void
  removeEventListener(type: 'message', listener: (event: { data: unknown }) => void): void
  removeEventListener(type: 'open' | 'close', listener: () => void): void
}

const CONNECTING = 0
const OPEN = 1

/**
 * A transport over a WebSocket: text frames for JSON messages, binary frames for bytes. What
 * arrives goes to the RPC core as is (a browser socket should deliver binary frames as
 * ArrayBuffers), which answers anything but a well-formed message with an error. Messages
 * sent while the socket is still connecting wait for it to open, so a client can be used as soon
 * as it is created.
 */
export function createWebSocketTransport(socket: WebSocketLike): Transport {
  const waiting: (string | Uint8Array<ArrayBuffer>)[] = []
  if (socket.readyState === CONNECTING) {
    socket.addEventListener('open', () => {
      for (const message of waiting.splice(0)) socket.send(message)
    })
  }
  return {
    send(message) {
      if (socket.readyState === OPEN) socket.send(message)
      else if (socket.readyState === CONNECTING) waiting.push(message)
    },
    onMessage(listener) {
      const socketOnMessage = (event: { data: unknown }): void => listener(event.data)
      socket.addEventListener('message', socketOnMessage)
      return () => socket.removeEventListener('message', socketOnMessage)
    },
    onClose(listener) {
      socket.addEventListener('close', listener)
      return () => socket.removeEventListener('close', listener)
    },
  }
}

/** Messages coming down a byte stream (see stream-frames.ts), as the renderer reads them. */
export interface FrameSource {
  onMessage(listener: (message: string | Uint8Array) => void): () => void
  onClose(listener: () => void): () => void
}

/**
 * A transport whose messages go up a WebSocket and come down `down` (browser mode: a fetch body
 * carries the host's messages several times faster than the socket would). Whatever the socket
 * itself delivers is taken too (the host uses it until the stream is attached).
 */
export function createSplitTransport(up: WebSocketLike, down: FrameSource): Transport {
  const socket = createWebSocketTransport(up)
  return {
    send: (message) => socket.send(message),
    onMessage(listener) {
      const stopSocket = socket.onMessage(listener)
      const stopDown = down.onMessage(listener)
      return () => {
        stopSocket()
        stopDown()
      }
    },
    onClose(listener) {
      const stopSocket = socket.onClose!(listener)
      const stopDown = down.onClose(listener)
      return () => {
        stopSocket()
        stopDown()
      }
    },
  }
}
