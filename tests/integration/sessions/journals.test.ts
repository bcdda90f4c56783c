import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  defaultDraft,
  type ConnectionEvent,
  type JournalCountEvent,
  type JournalFilter,
  type JournalSearchEvent,
} from '#common/contract/index.ts'
import { startDemoServer, type DemoServer } from '../../../embedded-server/index.ts'
import { createAppApi, type AppApiHost } from '../../../main/host/app-api.ts'
import { tempDir } from '../../support/temp-dir.ts'

let demo: DemoServer
let app: AppApiHost

beforeAll(async () => {
  demo = await startDemoServer({ port: 0 })
  app = createAppApi({ shell: 'browser', dataDir: tempDir() })
})
afterAll(async () => {
  await app.close()
  await demo.close()
})

async function newSession(url: string): Promise<string> {
  return (await app.api.saveSession({ name: url, draft: defaultDraft(url), savedMessages: [] })).id
}

async function allEvents(runId: number): Promise<ConnectionEvent[]> {
  const events: ConnectionEvent[] = []
  let afterSeq: number | null = 0
  while (afterSeq !== null) {
    const page = await app.api.getRunEvents(runId, afterSeq, 1000)
    events.push(...page.events)
    afterSeq = page.nextAfterSeq
  }
  return events
}

async function finishedRun(sessionId: string) {
  return vi.waitFor(
    async () => {
      const [run] = await app.api.listRuns(sessionId)
      if (!run || run.endedAt === null) throw new Error('The run has not ended yet')
      return run
    },
    { timeout: 10_000 },
  )
}

describe('journals', () => {
  it("keeps every event of a session's connection from its first, in order, with its counts", async () => {
    const url = `${demo.url.replace('http:', 'ws:')}/ws/stream?rate=0&count=5000&size=64`
    const sessionId = await newSession(url)
    await app.api.connect({ url, ws: { perMessageDeflate: false } }, { keepIn: sessionId })
    const run = await finishedRun(sessionId)
    expect(run).toMatchObject({ protocol: 'ws', messageCount: 5000, bytes: 5000 * 64 })
    const events = await allEvents(run.id)
    expect(events[0]).toMatchObject({ type: 'connecting', seq: 1 })
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1))
    const seqs = events
      .filter((event) => event.type === 'message')
      .map((event) => (JSON.parse(event.data!) as { seq: number }).seq)
    expect(seqs).toEqual(Array.from({ length: 5000 }, (_, index) => index + 1))
    expect(events.at(-1)).toMatchObject({ type: 'close', code: 1000 })
  })

  it('keeps the reconnects of an SSE stream in one run', async () => {
    const url = `${demo.url}/sse/stream?count=6&rate=0&ids=1&dropAfter=3&retry=20`
    const sessionId = await newSession(url)
    await app.api.connect({ url }, { keepIn: sessionId })
    const run = await finishedRun(sessionId)
    const events = await allEvents(run.id)
    expect(
      events
        .filter((event) => event.type === 'message')
        .filter((event) => event.kind === 'sse-event')
        .map((event) => event.id),
    ).toEqual(['1', '2', '3', '4', '5', '6'])
    expect(events.filter((event) => event.type === 'reconnecting')).toHaveLength(2)
    expect(await app.api.listRuns(sessionId)).toHaveLength(1)
  })

  it("journals an unsaved tab's connection from its first event, and keeps it in a session in one call", async () => {
    const url = `${demo.url.replace('http:', 'ws:')}/ws/stream?rate=0&count=200&size=16`
    const snapshot = await app.api.connect({ url, ws: { perMessageDeflate: false } })
    const runId = snapshot.journal!.runId!
    expect(snapshot.journal).toEqual({ runId, problem: null })
    // The driver's own final event ends the run: no second look-up, no timer.
    const [run] = await vi.waitFor(
      async () => {
        const runs = await app.api.getRuns([runId])
        if (runs[0]?.endedAt == null) throw new Error('The run has not ended yet')
        return runs
      },
      { timeout: 10_000 },
    )
    expect(run).toMatchObject({ sessionId: null, messageCount: 200 })
    const events = await allEvents(runId)
    expect(run!.lastSeq).toBe(events.at(-1)!.seq)
    expect(run!.endedAt).toBe(events.findLast((event) => event.type === 'close')!.ts)

    const sessionId = await newSession(url)
    await app.api.keepRuns([runId], sessionId)
    const [kept] = await app.api.listRuns(sessionId)
    expect(kept).toMatchObject({ id: runId, sessionId, messageCount: 200 })
    expect(await allEvents(runId)).toEqual(events)
    await app.api.removeConnection(snapshot.id)
  })

  it('reads a live run up to its latest event', async () => {
    const { id, journal } = await app.api.connect({ url: `${demo.url}/sse/stream?rate=50` })
    await vi.waitFor(async () => {
      const [snapshot] = (await app.api.listConnections()).filter((c) => c.id === id)
      expect(snapshot!.stats.messagesIn).toBeGreaterThan(3)
    })
    // No waiting for the writer: reading flushes what is pending first.
    const [run] = await app.api.getRuns([journal!.runId!])
    const events = await allEvents(run!.id)
    expect(events.length).toBeGreaterThanOrEqual(run!.lastSeq)
    expect(events.filter((event) => event.type === 'message').length).toBeGreaterThan(3)
    expect(run!.endedAt).toBeNull()
    await app.api.removeConnection(id)
  })
})

describe('searching journals in the host', () => {
  it('finds rows where they are kept, numbered in the ranges asked for, in order', async () => {
    const url = `${demo.url.replace('http:', 'ws:')}/ws/stream?rate=0&count=20000&size=64`
    const { journal } = await app.api.connect({ url, ws: { perMessageDeflate: false } })
    const runId = journal!.runId!
    const run = await vi.waitFor(
      async () => {
        const [found] = await app.api.getRuns([runId])
        if (found?.endedAt == null) throw new Error('The run has not ended yet')
        return found
      },
      { timeout: 10_000 },
    )
    const events: JournalSearchEvent[] = []
    const done = new Promise<void>((resolve) => {
      app.events.subscribe((event) => {
        if (event.name !== 'journalSearch' || event.payload.searchId !== 'q1') return
        events.push(event.payload)
        if (event.payload.done) resolve()
      })
    })
    // Rows 2 (the open) … the end: row 0 of the range is seq 2.
    await app.api.searchJournal('q1', [{ runId, fromSeq: 2, toSeq: run.lastSeq }], {
      text: '"seq":1234\\d,',
      regex: true,
    })
    await done
    const hits = events.flatMap((event) => event.hits)
    // Messages are seq 3… (after connecting and open): message n is seq n + 2, row n.
    expect(hits).toEqual(Array.from({ length: 10 }, (_, i) => 12340 + i))
    expect(events.at(-1)).toMatchObject({ done: true, scanned: run.lastSeq - 1 })

    await expect(
      app.api.searchJournal('q2', [{ runId, fromSeq: 1, toSeq: 10 }], { text: '(', regex: true }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })

    // A filter counted over the whole journal: the messages, then the lifecycle rows alone.
    const counted = (filter: JournalFilter) =>
      new Promise<JournalCountEvent>((resolve) => {
        const stop = app.events.subscribe((event) => {
          if (event.name !== 'journalCount' || !event.payload.done) return
          stop()
          resolve(event.payload)
        })
        void app.api.countJournal('c1', [{ runId, fromSeq: 1, toSeq: run.lastSeq }], filter)
      })
    const all = ['text', 'binary', 'sse-event', 'sse-comment', 'sse-retry', 'ping-pong']
    expect(
      await counted({ directions: ['in', 'out'], kinds: all, eventTypes: [], closeCodes: [] }),
    ).toMatchObject({ matched: 20_000, total: run.lastSeq, done: true })
    expect(
      await counted({
        directions: ['in', 'out', 'lifecycle'],
        kinds: ['lifecycle'],
        eventTypes: [],
        closeCodes: [],
      }),
    ).toMatchObject({ matched: run.lastSeq - 20_000 })
    // Closes by code, as the log filters them: the connect and open rows stay, the close 1000 only
    // when asked for.
    const byCode = (code: number) =>
      counted({
        directions: ['lifecycle'],
        kinds: ['lifecycle'],
        eventTypes: [],
        closeCodes: [code],
      })
    expect((await byCode(1006)).matched).toBe(2)
    expect((await byCode(1000)).matched).toBe(3)
  })
})
