/**
 * Child process of the benchmark: a client of the app host, as the renderer is. It connects over
 * /rpc with the AppApi client, opens a connection to the demo server through the connection
 * manager, and counts the messages that arrive in batches, checking their sequence.
 * argv: hostPort token url count [record]. With `record`, the connection is recorded into a
 * session, and the result also says how many messages the run holds once it has caught up and how
 * long that took after the last live message. Prints its result as JSON.
 */
import { once } from 'node:events'
import { WebSocket } from 'ws'

import { defaultDraft } from '../../main/common/contract/index.ts'
import { createApiClient, createWebSocketTransport } from '../../main/common/rpc/index.ts'
import { FLAG_OUT, payloadOf, readBatch } from '../../main/common/batch/index.ts'
import { seqOfBytes, type PipelineResult } from './bench-clients.ts'

const [hostPort, token, url, countText, mode] = process.argv.slice(2)
const count = Number(countText)
const socket = new WebSocket(`ws://127.0.0.1:${hostPort}/rpc?token=${token}`, {
  origin: `http://127.0.0.1:${hostPort}`,
})
await once(socket, 'open')
const api = createApiClient(createWebSocketTransport(socket), { timers: globalThis })

const recordTo =
  mode === 'record'
    ? (await api.saveSession({ name: 'bench', draft: defaultDraft(url), savedMessages: [] })).id
    : undefined

const result = await new Promise<PipelineResult>((resolve) => {
  let messages = 0
  let bytes = 0
  let skipped = 0
  let lost = 0
  let expected = 1
  let first = 0
  api.on('messages', (bytesOfBatch) => {
    const batch = readBatch(bytesOfBatch)
    void api.ackMessages(batch.connectionId, batch.batch)
    skipped += batch.skipped
    for (let i = 0; i < batch.count; i++) {
      if (batch.flags[i]! & FLAG_OUT) continue
      if (messages === 0) first = performance.now()
      messages++
      bytes += batch.size[i]!
      const seq = seqOfBytes(payloadOf(batch, i))
      if (seq !== expected) lost += seq - expected
      expected = seq + 1
    }
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
  void api.connect(
    { url: url!, ws: { perMessageDeflate: false }, sse: { reconnect: false } },
    { recordTo },
  )
})

if (recordTo !== undefined) {
  const liveEnd = performance.now()
  for (;;) {
    const [run] = await api.listRuns(recordTo)
    if ((run?.messageCount ?? 0) >= count || performance.now() - liveEnd > 120_000) {
      result.recorded = run?.messageCount ?? 0
      result.recordLagSeconds = (performance.now() - liveEnd) / 1000
      break
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
process.stdout.write(`${JSON.stringify(result)}\n`)
process.exit(0)
