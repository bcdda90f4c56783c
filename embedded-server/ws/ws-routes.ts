import { binaryPayload, runGenerator, textPayload } from '../generator.ts'
import { flagParam, intParam, textParam } from '../params.ts'
import type { DemoServerContext } from '../server-context.ts'
import { ChatRoom } from './chat-room.ts'
import type { DemoSocket } from './demo-socket.ts'
import { OPCODE_BINARY, OPCODE_TEXT } from './ws-frame.ts'

export type WsHandler = (socket: DemoSocket, query: URLSearchParams) => void

/** The WebSocket endpoints by path (see catalog.ts for what each one is for). */
export function createWsRoutes(server: DemoServerContext): Map<string, WsHandler> {
  const rooms = new Map<string, ChatRoom>()

  const routes = new Map<string, WsHandler>()

  routes.set('/ws/echo', (socket) => {
    socket.ws.on('message', (data, isBinary) => socket.send(data as Buffer, isBinary))
  })

  routes.set('/ws/chat', (socket, query) => {
    const name = textParam(query, 'room', 64, 'lobby')
    let room = rooms.get(name)
    if (!room) rooms.set(name, (room = new ChatRoom(name)))
    const joined = room
    joined.join(socket)
    socket.ws.on('message', (data, isBinary) => joined.broadcast(data as Buffer, isBinary))
    socket.ws.once('close', () => {
      joined.leave(socket)
      if (joined.size === 0 && rooms.get(name) === joined) rooms.delete(name)
    })
  })

  routes.set('/ws/stream', (socket, query) => {
    const rate = intParam(query, 'rate', { min: 0, max: 10_000_000 }, 10)
    const count = intParam(query, 'count', { min: 1, max: Number.MAX_SAFE_INTEGER }) ?? Infinity
    const size = intParam(query, 'size', { min: 1, max: 16_777_216 }, 64)
    const binary = flagParam(query, 'binary')
    void runGenerator(
      { rate, count, firstSeq: 1, messageBytes: size },
      {
        emit(firstSeq, n) {
          const payloads: Buffer[] = []
          for (let seq = firstSeq; seq < firstSeq + n; seq++) {
            payloads.push(binary ? binaryPayload(seq, size) : Buffer.from(textPayload(seq, size)))
          }
          return socket.sendBatch(payloads, binary ? OPCODE_BINARY : OPCODE_TEXT)
        },
        remaining: () => socket.remaining(),
        drained: () => socket.drained(),
        isClosed: () => !socket.isOpen,
      },
    ).then(
      () => {
        if (socket.isOpen) socket.ws.close(1000, 'count reached')
      },
      (error: unknown) => {
        server.reportFailure('/ws/stream', error)
        // [RFC 6455 §7.4.1] 1011: the server hit a condition that kept it from going on.
        if (socket.isOpen) socket.ws.close(1011, 'The generator failed')
      },
    )
  })

  routes.set('/ws/feed', (socket) => {
    const unsubscribe = server.feed.subscribe((batch) =>
      socket.sendFramed(batch.frames, () => batch.payloads(), batch.messages.length, batch.bytes),
    )
    socket.ws.once('close', unsubscribe)
  })

  // The article's endpoint, payload for payload: {"id", "firstName"} every 2 s, counting from 0.
  routes.set('/websocket', (socket) => {
    let count = 0
    const timer = setInterval(() => {
      socket.send(JSON.stringify({ id: count, firstName: `first-${count}` }), false)
      count++
    }, 2000)
    socket.ws.once('close', () => clearInterval(timer))
  })

  return routes
}
