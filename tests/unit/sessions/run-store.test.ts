import { describe, expect, it } from 'vitest'
import { defaultDraft, type ConnectionEvent } from '#common/contract/index.ts'
import { RunRecorder } from '../../../main/sessions/run-recorder.ts'
import { openTestStores } from '../../support/session-db.ts'

const text = (seq: number): ConnectionEvent => ({
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
  it('writes events in batches and keeps the run’s counts', () => {
    const { runs, session } = setup()
    const runId = runs.begin(session.id, 'ws', 'ws://h', 1000)
    const recorder = new RunRecorder(runs, runId, { maxEvents: 10 })
    recorder.record({ type: 'connecting', seq: 1, ts: 1000, attempt: 1, url: 'ws://h' })
    for (let seq = 2; seq <= 25; seq++) recorder.record(text(seq))
    // Two full batches of 10 are written; the rest waits for the timer or the finish.
    expect(runs.get(runId).messageCount).toBe(19)
    recorder.finish(2000)
    expect(runs.get(runId)).toMatchObject({ messageCount: 24, bytes: 120, endedAt: 2000 })
    expect(runs.list(session.id).map((run) => run.id)).toEqual([runId])
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

  it('closes runs a killed process left open, at their last event', () => {
    const { runs, session } = setup()
    const runId = runs.begin(session.id, 'ws', 'ws://h', 1000)
    runs.append(runId, [{ seq: 1, json: JSON.stringify(text(1)), messageBytes: 5 }])
    runs.closeInterruptedRuns()
    expect(runs.get(runId).endedAt).toBe(1001)
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
