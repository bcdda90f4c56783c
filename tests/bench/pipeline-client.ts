/**
 * Child process of the benchmark: a client of the app host, as the renderer is. It connects over
 * /rpc with the AppApi client, opens a connection to the demo server through the connection
 * manager, and counts the messages that arrive in batches, checking their sequence.
 * argv: hostPort token url count. Prints its ClientResult as JSON.
 */
import { once } from 'node:events'
import { WebSocket } from 'ws'

import { createApiClient, createWebSocketTransport } from '../../main/common/rpc/index.ts'
import { seqOf, type ClientResult } from './bench-clients.ts'

const [hostPort, token, url, countText] = process.argv.slice(2)
const count = Number(countText)
const socket = new WebSocket(`ws://127.0.0.1:${hostPort}/rpc?token=${token}`, {
  origin: `http://127.0.0.1:${hostPort}`,
})
await once(socket, 'open')
const api = createApiClient(createWebSocketTransport(socket), { timers: globalThis })

const result = await new Promise<ClientResult>((resolve) => {
  let messages = 0
  let bytes = 0
  let skipped = 0
  let lost = 0
  let expected = 1
  let first = 0
  api.on('messages', (batch) => {
    skipped += batch.skipped
    for (const event of batch.events) {
      if (event.type !== 'message' || event.direction !== 'in') continue
      if (messages === 0) first = performance.now()
      messages++
      bytes += event.size
      const seq = seqOf(event.data!)
      if (seq !== expected) lost += seq - expected
      expected = seq + 1
    }
    void api.ackMessages(batch.connectionId, batch.batch)
    if (messages + skipped >= count) {
      resolve({
        messages,
        bytes,
        seconds: (performance.now() - first) / 1000,
        lost: Math.max(0, lost - skipped),
        skipped,
      })
    }
  })
  void api.connect({ url: url!, ws: { perMessageDeflate: false }, sse: { reconnect: false } })
})
process.stdout.write(`${JSON.stringify(result)}\n`)
process.exit(0)
