import { createHash } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

/**
 * The server's answer to a WebSocket upgrade `request` (RFC 6455 §4.2.2), for servers that speak
 * the protocol by hand: a generator that writes pre-framed bytes, a test that sends frames in the
 * same write as the handshake.
 */
export function switchingProtocols(request: IncomingMessage): string {
  const accept = createHash('sha1')
    .update(`${request.headers['sec-websocket-key'] ?? ''}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
    .digest('base64')
  return `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`
}
