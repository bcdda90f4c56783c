/**
 * Child process of the benchmark: a client of the app host, as the renderer is. It connects over
 * /rpc with the AppApi client, opens a connection to the generator through the connection
 * manager (lossless delivery), and reads the sequence numbers of the rows that arrive in batches.
 * argv: hostPort token url count [dataDir]. With a data folder, the connection is kept in a
 * session, and once the run has caught up its batches are read back from the SQLite file and
 * their sequence numbers checked too. Prints a PipelineResult as JSON.
 */
import { once } from 'node:events'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { WebSocket } from 'ws'

import { FLAG_OUT, payloadOf, readBatch } from '../../main/common/batch/index.ts'
import { defaultDraft } from '../../main/common/contract/index.ts'
import { createApiClient, createWebSocketTransport } from '../../main/common/rpc/index.ts'
import { RunStore } from '../../main/sessions/run-store.ts'
import { SeqCheck, type PipelineResult } from './bench-clients.ts'

const [hostPort, token, url, countText, dataDir] = process.argv.slice(2)
const count = Number(countText)
const socket = new WebSocket(`ws://127.0.0.1:${hostPort}/rpc?token=${token}`, {
  origin: `http://127.0.0.1:${hostPort}`,
})
await once(socket, 'open')
const api = createApiClient(createWebSocketTransport(socket), { timers: globalThis })

const keepIn =
  dataDir !== undefined
    ? (await api.saveSession({ name: 'bench', draft: defaultDraft(url), savedMessages: [] })).id
    : undefined

const live = new SeqCheck()
let first = 0
let skipped = 0
const seconds = await new Promise<number>((resolve) => {
  api.on('messages', (bytes) => {
    const batch = readBatch(bytes)
    void api.ackMessages(batch.connectionId, batch.batch)
    skipped += batch.skipped
    for (let i = 0; i < batch.count; i++) {
      if (batch.flags[i]! & FLAG_OUT) continue
      if (live.messages === 0) first = performance.now()
      live.add(payloadOf(batch, i), batch.size[i]!)
    }
    for (const event of batch.events)
      if (event.type === 'error') console.error(`pipeline client: ${event.code}: ${event.message}`)
    // All its rows come before its close: a stream that ended early ends the run, with rows lost.
    const closed = batch.events.some((event) => event.type === 'close')
    if (live.messages + skipped >= count || closed) resolve((performance.now() - first) / 1000)
  })
  void api.connect(
    {
      url: url!,
      delivery: 'lossless',
      ws: { perMessageDeflate: false },
      sse: { reconnect: false },
    },
    { keepIn },
  )
})
const result: PipelineResult = { ...live.result(count), seconds, skipped }

if (keepIn !== undefined) {
  const liveEnd = performance.now()
  for (;;) {
    const [run] = await api.listRuns(keepIn)
    if ((run?.messageCount ?? 0) >= count || performance.now() - liveEnd > 120_000) break
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  result.recordLagSeconds = (performance.now() - liveEnd) / 1000
  // Read back from the files, not the run's counter: every sequence number must be there.
  const db = new DatabaseSync(join(dataDir!, 'sessions.sqlite'), { readOnly: true })
  const runs = new RunStore(db, join(dataDir!, 'runs'))
  const [run] = await api.listRuns(keepIn)
  const recorded = new SeqCheck()
  for (const batch of runs.batches(run!.id)) {
    const columns = readBatch(batch)
    for (let i = 0; i < columns.count; i++)
      if (!(columns.flags[i]! & FLAG_OUT)) recorded.add(payloadOf(columns, i), columns.size[i]!)
  }
  db.close()
  const readBack = recorded.result(count)
  result.recorded = readBack.messages
  result.recordedLost = readBack.lost
}
process.stdout.write(`${JSON.stringify(result)}\n`)
process.exit(0)
