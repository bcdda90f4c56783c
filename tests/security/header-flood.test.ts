import { once } from 'node:events'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, expect, it } from 'vitest'
import { WebSocketServer } from 'ws'
import { ConnectionHarness, isType } from '../support/connection-harness.ts'

let harness: ConnectionHarness | null = null
afterEach(() => harness?.close())

it('connects with 10,000 headers, merging repeated names, without stalling the host', async () => {
  const server = createServer({ maxHeaderSize: 8 * 1024 * 1024 })
  server.maxHeadersCount = 0
  const wss = new WebSocketServer({ server })
  const received: IncomingMessage[] = []
  wss.on('connection', (socket, request) => {
    received.push(request)
    socket.close(1000)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo

  const headers = Array.from({ length: 10_000 }, (_, i) => ({ name: `X-H${i}`, value: String(i) }))
  headers.push({ name: 'x-h0', value: 'again' })
  harness = new ConnectionHarness()
  const { id } = harness.manager.connect({ url: `ws://127.0.0.1:${port}/`, headers })
  await harness.waitForEvent(id, isType('close'), 15_000)

  expect(received).toHaveLength(1)
  expect(received[0]!.headers['x-h9999']).toBe('9999')
  expect(received[0]!.headers['x-h0']).toBe('0, again')
  wss.close()
  server.close()
})
