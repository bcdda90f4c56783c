import { cpSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, describe, expect, it } from 'vitest'
import type { ConnectionEvent } from '#common/contract/index.ts'
import { createAppApi, type AppApiHost } from '../../../main/host/app-api.ts'
import { SCHEMA_VERSION } from '../../../main/sessions/migrations.ts'
import { tempDir } from '../../support/temp-dir.ts'

/** A data folder as version 0.x (schema 3) left it: sessions, a folder, three runs, a comparison. */
const FIXTURE = new URL('../../fixtures/schema-v3/', import.meta.url).pathname

let app: AppApiHost | null = null
afterEach(async () => {
  await app?.close()
  app = null
})

async function allEvents(api: AppApiHost['api'], runId: number): Promise<ConnectionEvent[]> {
  const events: ConnectionEvent[] = []
  let afterSeq: number | null = 0
  while (afterSeq !== null) {
    const page = await api.getRunEvents(runId, afterSeq, 1000)
    events.push(...page.events)
    afterSeq = page.nextAfterSeq
  }
  return events
}

describe('a data folder written by schema 3', () => {
  it('keeps every session, folder, run, event and comparison through the migration', async () => {
    const dataDir = tempDir('rp-migrate-')
    cpSync(FIXTURE, dataDir, { recursive: true })
    app = createAppApi({ shell: 'browser', dataDir })
    const { api } = app

    const overview = await api.listSessions()
    expect(overview.storage.notice).toBeNull()
    expect(overview.folders.map((folder) => folder.name)).toEqual(['Feeds'])
    const byName = new Map(overview.sessions.map((session) => [session.name, session]))
    expect([...byName.keys()].sort()).toEqual(['LLM', 'WS stream'])
    const ws = byName.get('WS stream')!
    expect(ws.folderId).toBe(overview.folders[0]!.id)
    expect((await api.getSession(ws.id)).savedMessages).toEqual([
      { id: 'm1', name: 'hello', mode: 'json', text: '{"hello":1}' },
    ])

    const wsRuns = await api.listRuns(ws.id)
    expect(wsRuns.map((run) => [run.messageCount, run.bytes])).toEqual([
      [2, 200_000],
      [300, 19_200],
    ])
    const stream = await allEvents(api, wsRuns[1]!.id)
    const seqs = stream
      .filter((event) => event.type === 'message')
      .map((event) => (JSON.parse(event.data!) as { seq: number }).seq)
    expect(seqs).toEqual(Array.from({ length: 300 }, (_, i) => i + 1))
    expect(wsRuns[1]!.lastSeq).toBe(stream.at(-1)!.seq)
    // The large messages were kept whole beside their previews.
    const large = (await allEvents(api, wsRuns[0]!.id)).filter((event) => event.type === 'message')
    expect(large.map((event) => event.data?.length)).toEqual([100_000, 100_000])

    const [llm] = await api.listRuns(byName.get('LLM')!.id)
    expect(llm).toMatchObject({ protocol: 'sse', messageCount: 28 })
    const [comparison] = await api.listComparisons(ws.id)
    expect(comparison!.name).toBe('stream vs llm')
    // Its sides still name the runs they compared.
    expect(
      [comparison!.spec.left, comparison!.spec.right].map(
        (side) => side?.kind === 'run' && side.runId,
      ),
    ).toEqual([wsRuns[1]!.id, llm!.id])
    expect(await api.getVariables()).toEqual({
      globals: [{ enabled: true, name: 'team', value: 'blue' }],
      environments: [
        {
          id: 'e1',
          name: 'Staging',
          variables: [{ enabled: true, name: 'host', value: 'staging.example' }],
        },
      ],
      activeEnvironmentId: 'e1',
    })

    await app.close()
    app = null
    const db = new DatabaseSync(join(dataDir, 'sessions.sqlite'))
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: SCHEMA_VERSION })
    expect(db.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }])
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([])
    db.close()
    // The copy taken before migrating is there, beside the journals it indexes.
    expect(readdirSync(dataDir).some((name) => name.startsWith('sessions.sqlite.backup-v3-'))).toBe(
      true,
    )
  })

  it("takes unsaved tabs' journals after it: a run without a session", async () => {
    const dataDir = tempDir('rp-migrate-')
    cpSync(FIXTURE, dataDir, { recursive: true })
    app = createAppApi({ shell: 'browser', dataDir })
    const { journal } = await app.api.connect({ url: 'ws://127.0.0.1:1/refused' })
    const [run] = await app.api.getRuns([journal!.runId!])
    expect(run).toMatchObject({ sessionId: null, id: 4 })
  })
})
