import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { defaultDraft, type ConnectionEvent } from '#common/contract/index.ts'
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

describe('recording', () => {
  it('records every event of a connection from its first, in order, with its counts', async () => {
    const url = `${demo.url.replace('http:', 'ws:')}/ws/stream?rate=0&count=5000&size=64`
    const sessionId = await newSession(url)
    await app.api.connect({ url, ws: { perMessageDeflate: false } }, { recordTo: sessionId })
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
    await app.api.connect({ url }, { recordTo: sessionId })
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

  it('starts and stops on an open connection', async () => {
    const url = `${demo.url}/sse/clock`
    const sessionId = await newSession(url)
    const { id } = await app.api.connect({ url })
    await vi.waitFor(async () =>
      expect((await app.api.listConnections()).find((c) => c.id === id)?.state).toBe('open'),
    )
    const started = await app.api.startRecording(id, sessionId)
    expect(started).toMatchObject({ sessionId, endedAt: null })
    await vi.waitFor(
      async () => expect((await app.api.listRuns(sessionId))[0]!.messageCount).toBeGreaterThan(0),
      { timeout: 5_000 },
    )
    await app.api.stopRecording(id)
    const [run] = await app.api.listRuns(sessionId)
    expect(run!.endedAt).not.toBeNull()
    await app.api.removeConnection(id)
  })
})
