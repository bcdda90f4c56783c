import { symlinkSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultDraft, type AppEvents, type MessageEvent } from '#common/contract/index.ts'
import { createEventHub } from '#common/rpc/index.ts'
import { Journals } from '../../../main/host/journals.ts'
import { batchOf } from '../../support/batches.ts'
import { openTestStores } from '../../support/session-db.ts'

const text = (seq: number, size = 5): MessageEvent => ({
  type: 'message',
  seq,
  ts: 1000 + seq,
  direction: 'in',
  kind: 'text',
  size,
  data: 'x'.repeat(size),
})

function setup() {
  const stores = openTestStores()
  const events = createEventHub<AppEvents>()
  const notices: string[] = []
  events.subscribe((event) => {
    if (event.name === 'notice') notices.push(event.payload.message)
  })
  const clock = { now: 10_000 }
  const journals = new Journals(stores.sessions, stores.runs, events, { now: () => clock.now })
  let changes = 0
  const open = (keepIn: string | null = null) =>
    journals.factory({ id: 'c1', protocol: 'ws', url: 'ws://h', keepIn, changed: () => changes++ })!
  return { ...stores, journals, notices, clock, open, changes: () => changes }
}

describe('Journals', () => {
  it("keeps an unsaved tab's journal as scratch, and moves it into a session in one call", async () => {
    const { journals, runs, sessions, open } = setup()
    const sink = open()
    const { runId } = sink.status()
    sink.batch(batchOf([1, 2, 3].map((seq) => text(seq))))
    await journals.drained(runId!)
    expect(runs.get(runId!)).toMatchObject({ sessionId: null, messageCount: 3, lastSeq: 3 })
    const session = sessions.save({ name: 's', draft: defaultDraft('ws://h'), savedMessages: [] })
    journals.keep([runId!], session.id)
    expect(runs.list(session.id).map((run) => run.id)).toEqual([runId])
    sink.end(2000)
    await journals.drained(runId!)
    expect(runs.get(runId!)).toMatchObject({ endedAt: 2000, sessionId: session.id })
  })

  it('lets go of scratch journals no tab shows, a minute after they ended, never a live one', async () => {
    const { journals, runs, clock, open } = setup()
    const shown = open()
    const gone = open()
    const live = open()
    for (const sink of [shown, gone]) {
      sink.end(clock.now)
      await journals.drained(sink.status().runId!)
    }
    journals.collect(new Set([shown.status().runId!]))
    // Just ended: a tab may not have said yet that it shows it.
    expect(runs.some([shown, gone, live].map((sink) => sink.status().runId!))).toHaveLength(3)
    clock.now += 61_000
    journals.collect(new Set([shown.status().runId!]))
    expect(
      runs.some([shown, gone, live].map((sink) => sink.status().runId!)).map((run) => run.id),
    ).toEqual([shown.status().runId, live.status().runId])
  })

  it("trims the oldest scratch journals past the budget, with a notice, never a session's", async () => {
    const { journals, runs, sessions, open, notices } = setup()
    const session = sessions.save({ name: 's', draft: defaultDraft('ws://h'), savedMessages: [] })
    journals.setBudgetBytes(1024 ** 2)
    const sinks = [open(session.id), open(), open(), open()]
    for (const sink of sinks) {
      sink.batch(batchOf(Array.from({ length: 10 }, (_, i) => text(i + 1, 40_000))))
      sink.end(20_000)
      await journals.drained(sink.status().runId!)
    }
    const ids = sinks.map((sink) => sink.status().runId!)
    journals.collect(new Set(ids))
    // 3 scratch journals of ~400 KB: the oldest goes to fit 1 MiB; the session's run stays.
    expect(runs.some(ids).map((run) => run.id)).toEqual([ids[0], ids[2], ids[3]])
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatch(/1\.0 MiB budget: the 1 oldest/)
    expect(journals.scratchBytes()).toBeLessThanOrEqual(1024 ** 2)
  })

  it('says why it stopped keeping when the disk is full, and the connection goes on', async () => {
    const { journals, runs, open, changes, path } = setup()
    // The next run's journal file is the system's always-full device (ENOSPC on every write).
    mkdirSync(join(dirname(path), 'runs'), { recursive: true })
    symlinkSync('/dev/full', join(dirname(path), 'runs', '1.batches'))
    const sink = open()
    expect(sink.status()).toEqual({ runId: 1, problem: null })
    sink.batch(batchOf([1, 2].map((seq) => text(seq))))
    await journals.drained(1)
    expect(sink.status().problem).toMatch(/^No longer kept from here: .*ENOSPC/)
    expect(changes()).toBe(1)
    // Later rows are let go without another try; the end is still written.
    sink.batch(batchOf([3].map((seq) => text(seq))))
    sink.end(3000)
    expect(runs.get(1)).toMatchObject({ messageCount: 0 })
  })
})
