import { describe, expect, it } from 'vitest'
import { DEFAULT_COMPARE_OPTIONS } from '#common/compare/index.ts'
import { defaultDraft, type ConnectionEvent } from '#common/contract/index.ts'
import {
  exportSession,
  importSessions,
  parseSessionExport,
} from '../../../main/sessions/session-transfer.ts'
import { openTestStores } from '../../support/session-db.ts'

const APP = { name: 'realtime-playground', version: '0.1.0' }

function sessionWithRun() {
  const stores = openTestStores()
  const draft = defaultDraft('ws://h/echo')
  draft.headers = [{ name: 'Authorization', value: 'Bearer secret', enabled: true, secret: true }]
  const session = stores.sessions.save({
    name: 'Echo',
    draft,
    savedMessages: [{ id: 'm', name: 'hi', mode: 'text', text: 'hi' }],
  })
  const events: ConnectionEvent[] = [
    { type: 'connecting', seq: 1, ts: 10, attempt: 1, url: 'ws://h/echo' },
    { type: 'message', seq: 2, ts: 11, direction: 'out', kind: 'text', size: 2, data: 'hi' },
    { type: 'message', seq: 3, ts: 12, direction: 'in', kind: 'binary', size: 2, base64: 'AAE=' },
  ]
  const runId = stores.runs.begin(session.id, 'ws', 'ws://h/echo', 10)
  stores.runs.append(
    runId,
    events.map((event) => ({
      seq: event.seq,
      json: JSON.stringify(event),
      messageBytes: event.type === 'message' ? event.size : null,
    })),
  )
  stores.runs.end(runId, 20)
  stores.comparisons.save(session.id, {
    name: 'Against itself',
    spec: {
      left: { kind: 'run', runId, sessionId: session.id, label: 'the run' },
      right: { kind: 'tab', tabId: 't9', label: 'a live tab' },
      options: DEFAULT_COMPARE_OPTIONS,
    },
  })
  return { ...stores, session, events }
}

describe('exportSession and importSessions', () => {
  it('round-trips a session: settings, saved messages, runs and their events, without secrets', () => {
    const source = sessionWithRun()
    const text = exportSession(
      source.sessions,
      source.runs,
      source.comparisons,
      source.session.id,
      APP,
    )
    expect(text).not.toContain('Bearer secret')
    expect(JSON.parse(text)).toMatchObject({
      format: 'realtime-playground/session',
      version: 1,
      secretsOmitted: true,
    })

    const target = openTestStores()
    const [imported] = importSessions(target.opened.db, target, [parseSessionExport(text)])
    expect(imported).toMatchObject({ name: 'Echo', url: 'ws://h/echo', runCount: 1 })
    const session = target.sessions.get(imported!.id)
    expect(session.savedMessages).toEqual([{ id: 'm', name: 'hi', mode: 'text', text: 'hi' }])
    expect(session.draft.headers).toEqual([
      { name: 'Authorization', value: '', enabled: true, secret: true },
    ])
    const [run] = target.runs.list(imported!.id)
    expect(run).toMatchObject({
      protocol: 'ws',
      startedAt: 10,
      endedAt: 20,
      messageCount: 2,
      bytes: 4,
    })
    expect(target.runs.events(run!.id, 0, 100).events).toEqual(source.events)
    // The comparison now points at the imported run; the live tab could not travel.
    expect(target.comparisons.list(imported!.id)).toMatchObject([
      {
        name: 'Against itself',
        spec: {
          left: { kind: 'run', runId: run!.id, sessionId: imported!.id, label: 'the run' },
          right: { kind: 'file', label: 'a live tab' },
        },
      },
    ])
  })

  it('says where a file is not valid JSON', () => {
    expect(() =>
      parseSessionExport('{\n  "format": "realtime-playground/session",\n  "version": 1,,\n}'),
    ).toThrow(
      expect.objectContaining({
        code: 'INVALID_IMPORT',
        message: expect.stringContaining('at line 3, column 16'),
      }),
    )
  })

  it('refuses a file that is not a session export, or from a newer version', () => {
    expect(() => parseSessionExport('{"hello": 1}')).toThrow('is not a Realtime Playground session')
    expect(() =>
      parseSessionExport('{"format": "realtime-playground/session", "version": 9}'),
    ).toThrow('exported by a newer version')
  })

  it('names the path of a bad field', () => {
    const source = sessionWithRun()
    const file = JSON.parse(
      exportSession(source.sessions, source.runs, source.comparisons, source.session.id, APP),
    ) as { runs: { events: { seq: unknown }[] }[] }
    file.runs[0]!.events[2]!.seq = 'three'
    expect(() => parseSessionExport(JSON.stringify(file))).toThrow(
      'file.runs[0].events[2].seq must be a whole number from 1',
    )
  })

  it('imports nothing when any part fails', () => {
    const source = sessionWithRun()
    const file = parseSessionExport(
      exportSession(source.sessions, source.runs, source.comparisons, source.session.id, APP),
    )
    const target = openTestStores()
    // A fault injected in the database: the fifth event written fails, in the second session.
    target.opened.db.exec(
      "CREATE TRIGGER test_fault BEFORE INSERT ON run_events WHEN (SELECT count(*) FROM run_events) >= 4 BEGIN SELECT RAISE(ABORT, 'injected failure'); END",
    )
    expect(() => importSessions(target.opened.db, target, [file, file])).toThrow('injected failure')
    expect(target.sessions.overview().sessions).toEqual([])
    expect(target.opened.db.prepare('SELECT count(*) AS n FROM runs').get()).toEqual({ n: 0 })
    expect(target.opened.db.prepare('SELECT count(*) AS n FROM run_events').get()).toEqual({ n: 0 })
  })
})
