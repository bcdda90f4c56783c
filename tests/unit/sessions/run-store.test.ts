import { describe, expect, it } from 'vitest'
import { defaultDraft, type ConnectionEvent, type MessageEvent } from '#common/contract/index.ts'
import { ChunkPool } from '../../../main/sessions/chunk-pool.ts'
import { RunRecorder } from '../../../main/sessions/run-recorder.ts'
import { batchOf } from '../../support/batches.ts'
import { openTestStores } from '../../support/session-db.ts'

const text = (seq: number): MessageEvent => ({
  type: 'message',
  seq,
  ts: 1000 + seq,
  direction: 'in',
  kind: 'text',
  size: 5,
  data: 'hello',
})

function setup() {
  const stores = openTestStores()
  const session = stores.sessions.save({
    name: 's',
    draft: defaultDraft('ws://h'),
    savedMessages: [],
  })
  return { ...stores, session }
}

describe('RunRecorder', () => {
  it('writes batches a few at a time, off the loop, and keeps the run’s counts', async () => {
    const { runs, session } = setup()
    const runId = runs.begin(session.id, 'ws', 'ws://h', 1000)
    const first = batchOf([
      { type: 'connecting', seq: 1, ts: 1000, attempt: 1, url: 'ws://h' },
      ...[2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map(text),
    ])
    const recorder = new RunRecorder(runs, runId, { maxBytes: first.length + 1 })
    recorder.batch(first)
    expect(runs.get(runId).messageCount).toBe(0) // waits for more, or the timer
    recorder.batch(batchOf([12, 13, 14, 15, 16, 17, 18, 19, 20, 21].map(text)))
    // Written in libuv's thread pool, indexed once the bytes are in the file.
    expect(runs.get(runId).messageCount).toBe(0)
    await recorder.drained()
    expect(runs.get(runId).messageCount).toBe(20)
    recorder.batch(batchOf([22, 23, 24, 25].map(text)))
    recorder.finish(2000)
    // Ignored: the run is ending.
    recorder.batch(batchOf([26].map(text)))
    await recorder.drained()
    expect(runs.get(runId)).toMatchObject({ messageCount: 24, bytes: 120, endedAt: 2000 })
    expect(runs.events(runId, 0, 100).events.map((event) => event.seq)).toEqual(
      Array.from({ length: 25 }, (_, i) => i + 1),
    )
    expect(runs.list(session.id).map((run) => run.id)).toEqual([runId])
  })

  it('copies each batch into pooled chunks at once, and reuses them after the write', async () => {
    const { runs, session } = setup()
    const runId = runs.begin(session.id, 'ws', 'ws://h', 1000)
    const small = (from: number) => batchOf(Array.from({ length: 10 }, (_, i) => text(from + i)))
    // A chunk holds two of these batches, so a third starts another; a fourth is bigger than a chunk.
    const pool = new ChunkPool(small(1).length * 2 + 8)
    const recorder = new RunRecorder(runs, runId, { pool })
    for (const from of [1, 11, 21]) {
      const batch = small(from)
      recorder.batch(batch)
      batch.fill(0) // the view's buffer may be reused as soon as it leaves: the journal copied it
    }
    recorder.batch(batchOf(Array.from({ length: 40 }, (_, i) => text(31 + i))))
    await recorder.drained()
    expect(pool.idle).toBe(2) // both chunks back after the write (the big batch took none)
    recorder.batch(small(71))
    expect(pool.idle).toBe(1) // the next batch went into one of them, not a new one
    await recorder.drained()
    expect(pool.idle).toBe(2)
    expect(runs.events(runId, 0, 100).events.map((event) => event.seq)).toEqual(
      Array.from({ length: 80 }, (_, i) => i + 1),
    )
  })

  it('keeps a large message whole in place of the preview its batch carries', async () => {
    const { runs, session } = setup()
    const runId = runs.begin(session.id, 'ws', 'ws://h', 1000)
    const recorder = new RunRecorder(runs, runId)
    const whole = { ...text(2), size: 100_000, data: 'x'.repeat(100_000) }
    recorder.whole(whole)
    recorder.batch(batchOf([text(1), { ...whole, data: 'x'.repeat(10), truncated: true }, text(3)]))
    recorder.finish(2000)
    await recorder.drained()
    const { events } = runs.events(runId, 0, 10)
    expect(events.map((event) => event.seq)).toEqual([1, 2, 3])
    expect(events[1]).toEqual(whole)
    expect(runs.get(runId)).toMatchObject({ messageCount: 3, bytes: 100_010 })
  })

  it('pages across batches and single rows in seq order', async () => {
    const { runs, session } = setup()
    const runId = runs.begin(session.id, 'ws', 'ws://h', 1000)
    await new Promise<void>((resolve, reject) =>
      runs.appendBatches(
        runId,
        [batchOf([1, 2, 3].map(text)), batchOf([6, 7].map(text))],
        [],
        (error) => (error ? reject(error) : resolve()),
      ),
    )
    runs.append(
      runId,
      [4, 5].map((seq) => ({ seq, json: JSON.stringify(text(seq)), messageBytes: 5 })),
    )
    const pages: number[][] = []
    for (let after: number | null = 0; after !== null;) {
      const page = runs.events(runId, after, 2)
      pages.push(page.events.map((event) => event.seq))
      after = page.nextAfterSeq
    }
    expect(pages).toEqual([[1, 2], [3, 4], [5, 6], [7]])
    expect(
      [...runs.allEvents(runId)].map((json) => (JSON.parse(json) as ConnectionEvent).seq),
    ).toEqual([1, 2, 3, 4, 5, 6, 7])
  })

  it('pages through a run’s events in order', () => {
    const { runs, session } = setup()
    const runId = runs.begin(session.id, 'ws', 'ws://h', 1000)
    runs.append(
      runId,
      [1, 2, 3, 4, 5].map((seq) => ({ seq, json: JSON.stringify(text(seq)), messageBytes: 5 })),
    )
    const first = runs.events(runId, 0, 2)
    expect(first.events.map((event) => event.seq)).toEqual([1, 2])
    const second = runs.events(runId, first.nextAfterSeq!, 10)
    expect(second).toMatchObject({ nextAfterSeq: null })
    expect(second.events.map((event) => event.seq)).toEqual([3, 4, 5])
  })

  it('closes runs a killed process left open, at their last event', async () => {
    const { runs, session } = setup()
    const runId = runs.begin(session.id, 'ws', 'ws://h', 1000)
    runs.append(runId, [{ seq: 1, json: JSON.stringify(text(1)), messageBytes: 5 }])
    const batched = runs.begin(session.id, 'ws', 'ws://h', 1000)
    await new Promise<void>((resolve, reject) =>
      runs.appendBatches(batched, [batchOf([text(1), text(7)])], [], (error) =>
        error ? reject(error) : resolve(),
      ),
    )
    const empty = runs.begin(session.id, 'ws', 'ws://h', 1000)
    runs.closeInterruptedRuns()
    expect(runs.get(runId).endedAt).toBe(1001)
    expect(runs.get(batched).endedAt).toBe(1007)
    expect(runs.get(empty).endedAt).toBe(1000)
  })

  it('goes with its session', () => {
    const { runs, sessions, session, opened } = setup()
    const runId = runs.begin(session.id, 'ws', 'ws://h', 1000)
    runs.append(runId, [{ seq: 1, json: JSON.stringify(text(1)), messageBytes: 5 }])
    sessions.delete(session.id)
    opened.db.prepare('DELETE FROM sessions WHERE id = ?').run(session.id)
    expect(() => runs.get(runId)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
    expect(opened.db.prepare('SELECT count(*) AS n FROM run_events').get()).toEqual({ n: 0 })
  })
})
