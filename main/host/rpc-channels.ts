import type { ServerResponse } from 'node:http'
import type { WebSocket } from 'ws'
import { createWebSocketTransport, encodeStreamFrame, type Transport } from '#common/rpc/index.ts'

/** Headers of a down stream: bytes nobody may cache, for this origin only. */
const DOWN_HEADERS = {
  'Content-Type': 'application/octet-stream',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Resource-Policy': 'same-origin',
}

/**
 * One `/rpc` client's channel: calls come up its WebSocket; the host's messages go down the same
 * socket until the client attaches a down stream (`/rpc/down`, a fetch body: several times the
 * throughput of a WebSocket in Chromium), then down the stream, in order. A client that leaves
 * more than `maxQueuedBytes` unread on either is dropped: `onDrop` says so.
 */
export class RpcChannel {
  readonly transport: Transport
  readonly #socket: WebSocket
  readonly #maxQueuedBytes: number
  #down: ServerResponse | null = null

  constructor(socket: WebSocket, maxQueuedBytes: number, onDrop: (reason: string) => void) {
    this.#socket = socket
    this.#maxQueuedBytes = maxQueuedBytes
    const overSocket = createWebSocketTransport(socket)
    const drop = (): void => {
      onDrop(`Dropped an /rpc client: it left over ${maxQueuedBytes} bytes unread`)
      this.close()
    }
    this.transport = {
      ...overSocket,
      send: (message) => {
        const down = this.#down
        if (down !== null) {
          if (down.writableLength + message.length > this.#maxQueuedBytes) drop()
          else down.write(encodeStreamFrame(message))
        } else if (socket.bufferedAmount + message.length <= this.#maxQueuedBytes) {
          overSocket.send(message)
        } else if (socket.readyState === socket.OPEN) {
          drop()
        }
      },
    }
  }

  /** Sends the host's messages down `response` from now on; false if a stream is attached. */
  attachDown(response: ServerResponse): boolean {
    if (this.#down !== null || this.#socket.readyState !== this.#socket.OPEN) return false
    response.writeHead(200, DOWN_HEADERS)
    response.flushHeaders()
    this.#down = response
    // The stream and the socket live and die together.
    response.on('close', () => this.close())
    return true
  }

  close(): void {
    this.#socket.terminate()
    this.#down?.destroy()
  }
}
