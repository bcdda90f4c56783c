import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConnectionEvent } from '#common/contract/index.ts'
import { startDemoServer, type DemoServer } from '../../../embedded-server/index.ts'
import { openSessionDatabase } from '../../../main/sessions/database.ts'
import { RunStore } from '../../../main/sessions/run-store.ts'
import { createAppApi } from '../../../main/host/app-api.ts'
import { packageRoot } from '../../../main/host/paths.ts'
import { tempDir } from '../../support/temp-dir.ts'

const ROUNDS = 20

let demo: DemoServer

beforeAll(async () => {
  demo = await startDemoServer({ port: 0 })
})
afterAll(() => demo.close())

/**
 * Journals 100,000 messages in a child process (kept in a session, or an unsaved tab's) and kills
 * it with SIGKILL partway through.
 */
async function recordAndKill(
  dataDir: string,
  killAfterMs: number,
  mode: 'session' | 'scratch',
): Promise<void> {
  // 100,000 messages over about a second, so the kill lands while they are being recorded.
  const url = `${demo.url.replace('http:', 'ws:')}/ws/stream?rate=100000&count=100000&size=64`
  const script = join(packageRoot(), 'tests', 'support', 'record-until-killed.ts')
  const child = spawn(process.execPath, [script, dataDir, url, mode], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = once(child, 'exit')
  child.stdout.setEncoding('utf8')
  await Promise.race([once(child.stdout, 'data'), exited])
  await new Promise((resolve) => setTimeout(resolve, killAfterMs))
  child.kill('SIGKILL')
  await exited
}

describe('recording when the process is killed', () => {
  it(
    `keeps every committed batch whole, ${ROUNDS} times over`,
    { timeout: ROUNDS * 15_000 },
    async () => {
      const recorded: number[] = []
      for (let round = 0; round < ROUNDS; round++) {
        const dataDir = tempDir('rp-crash-')
        const mode = round % 2 === 0 ? 'session' : 'scratch'
        await recordAndKill(dataDir, 20 + ((round * 37) % 600), mode)
        const path = join(dataDir, 'sessions.sqlite')

        // SQLite's own check of the file, before anything else opens it.
        const raw = new DatabaseSync(path)
        expect(raw.prepare('PRAGMA integrity_check').all(), `round ${round}`).toEqual([
          { integrity_check: 'ok' },
        ])
        raw.close()

        const opened = openSessionDatabase(path)
        expect(opened.notice, `round ${round}`).toBeNull()
        const runs = new RunStore(opened.db, join(dataDir, 'runs'))
        const rows = opened.db.prepare('SELECT id, message_count, session_id FROM runs').all() as {
          id: number
          message_count: number
          session_id: string | null
        }[]
        expect(rows, `round ${round}`).toHaveLength(1)
        expect(rows[0]!.session_id === null, `round ${round}`).toBe(mode === 'scratch')
        const events = [...runs.allEvents(rows[0]!.id)].map(
          (json) => JSON.parse(json) as ConnectionEvent,
        )
        // Committed batches are whole and in order: the stored events run 1, 2, 3… with no gap.
        const seqs = events.map((event) => event.seq)
        expect(seqs.length, `round ${round}`).toBeGreaterThan(0)
        expect(seqs, `round ${round}`).toEqual(seqs.map((_, i) => i + 1))
        const messages = { n: events.filter((event) => event.type === 'message').length }
        // The run's count was written in the same transactions as its events.
        expect(rows[0]!.message_count, `round ${round}`).toBe(messages.n)
        recorded.push(messages.n)
        opened.db.close()

        // The app started again: the run is closed at its last kept event, and an unsaved
        // tab's journal stays while the restored tab shows it.
        const app = createAppApi({ shell: 'browser', dataDir })
        const [run] = await app.api.getRuns([rows[0]!.id])
        expect(run, `round ${round}`).toMatchObject({
          endedAt: Math.max(...events.map((event) => event.ts)),
          lastSeq: seqs.at(-1),
        })
        await app.close()
      }
      // The kills landed while recording was under way, not after the stream was done.
      expect(recorded.filter((count) => count < 100_000).length).toBeGreaterThan(ROUNDS / 2)
    },
  )
})
