/**
 * The journal at ten million rows: a session's run written by the host's own writer (RunRecorder,
 * batches of 2,000 rows of 64 B, as the firehose makes them), then read through the API the view
 * uses — a page of 500 rows at random places (a jump), and a search of every row in the host —
 * beside the baseline of reading the run's files end to end in this run.
 */
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { BatchBuilder } from '../../main/common/batch/index.ts'
import { defaultDraft, type JournalSearchEvent } from '../../main/common/contract/index.ts'
import { createAppApi } from '../../main/host/app-api.ts'
import { openSessionDatabase } from '../../main/sessions/database.ts'
import { RunRecorder } from '../../main/sessions/run-recorder.ts'
import { RunStore } from '../../main/sessions/run-store.ts'
import { NO_ENCRYPTION } from '../../main/sessions/secrets.ts'
import { SessionStore } from '../../main/sessions/session-store.ts'
import { scratchDir } from './scratch.ts'

const BATCH_ROWS = 2_000
const PAGE = 500
const JUMPS = 200

export interface JournalBenchResult {
  rows: number
  diskMB: number
  writeSeconds: number
  jumpP50Ms: number
  jumpP95Ms: number
  jumpMaxMs: number
  /** Per round (ROUNDS, interleaved): the run's files read end to end, the floor of any full scan… */
  rawReadMs: number[]
  /** …then a search for a term found all through the run: its first hits, and the whole scan. */
  firstHitsMs: number[]
  searchMs: number[]
  hits: number
}

const ROUNDS = 3

const percentile = (values: number[], p: number): number =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!

/** Writes a run of `rows` messages into a new data folder; returns it and the run's id. */
async function writeRun(
  dataDir: string,
  rows: number,
): Promise<{ runId: number; seconds: number }> {
  const opened = openSessionDatabase(join(dataDir, 'sessions.sqlite'))
  const sessions = new SessionStore(opened, NO_ENCRYPTION)
  const runs = new RunStore(opened.db, join(dataDir, 'runs'))
  const session = sessions.save({ name: 'bench', draft: defaultDraft('ws://h'), savedMessages: [] })
  const started = performance.now()
  const runId = runs.begin(session.id, 'ws', 'ws://h', Date.now())
  const recorder = new RunRecorder(runs, runId)
  const builder = new BatchBuilder()
  const stats = { messagesIn: 0, messagesOut: 0, bytesIn: 0, bytesOut: 0, skipped: 0 }
  let batch = 0
  for (let seq = 1; seq <= rows; seq++) {
    const text = `{"seq":${seq},"pad":"`.padEnd(62, 'x') + '"}'
    builder.addMessage(seq, 1e12 + seq, 64, 'text', 'in', text, { text: true, truncated: false })
    if (seq % BATCH_ROWS === 0 || seq === rows) {
      recorder.batch(
        builder.encode({ connectionId: 'c1', batch: ++batch, skipped: 0, stats, throttled: false }),
      )
      builder.reset()
      // As a stream would: the writes go on between batches, instead of all of it piling up first.
      if (batch % 16 === 0) await nextTurn()
    }
  }
  recorder.finish(Date.now())
  await recorder.drained()
  const seconds = (performance.now() - started) / 1000
  opened.db.close()
  return { runId, seconds }
}

export async function runJournalBench(rows: number): Promise<JournalBenchResult> {
  const dataDir = await scratchDir('journal')
  const { runId, seconds } = await writeRun(dataDir, rows)
  const runsDir = join(dataDir, 'runs')
  const files = readdirSync(runsDir).map((name) => join(runsDir, name))
  const diskMB = files.reduce((sum, file) => sum + statSync(file).size, 0) / 1024 ** 2
  // The floor of a scan: the files read end to end, a megabyte at a time into one buffer.
  const chunk = Buffer.alloc(1024 * 1024)
  const rawRead = (): number => {
    const started = performance.now()
    for (const file of files) {
      const fd = openSync(file, 'r')
      while (readSync(fd, chunk) > 0);
      closeSync(fd)
    }
    return performance.now() - started
  }

  const app = createAppApi({ shell: 'browser', dataDir })
  try {
    const jumps: number[] = []
    for (let i = 0; i < JUMPS; i++) {
      const afterSeq = Math.floor(Math.random() * (rows - PAGE))
      const started = performance.now()
      const page = await app.api.getRunEvents(runId, afterSeq, PAGE)
      jumps.push(performance.now() - started)
      if (page.events[0]?.seq !== afterSeq + 1)
        throw new Error(`Jump to ${afterSeq} read the wrong rows`)
    }

    // "seq":7 is in every stretch of the run (7, 70…79, 700…): hits all the way through.
    const search = async (searchId: string) => {
      let firstHitsMs = 0
      let hits = 0
      const started = performance.now()
      const done = new Promise<void>((resolve) => {
        const stop = app.events.subscribe((event) => {
          if (event.name !== 'journalSearch') return
          const progress: JournalSearchEvent = event.payload
          if (progress.searchId !== searchId) return
          if (hits === 0 && progress.hits.length > 0) firstHitsMs = performance.now() - started
          hits += progress.hits.length
          if (progress.done) {
            stop()
            resolve()
          }
        })
      })
      await app.api.searchJournal(searchId, [{ runId, fromSeq: 1, toSeq: rows }], {
        text: '"seq":7',
        regex: false,
      })
      await done
      return { firstHitsMs, searchMs: performance.now() - started, hits }
    }
    const result: JournalBenchResult = {
      rows,
      diskMB,
      writeSeconds: seconds,
      jumpP50Ms: percentile(jumps, 0.5),
      jumpP95Ms: percentile(jumps, 0.95),
      jumpMaxMs: Math.max(...jumps),
      rawReadMs: [],
      firstHitsMs: [],
      searchMs: [],
      hits: 0,
    }
    for (let round = 0; round < ROUNDS; round++) {
      result.rawReadMs.push(rawRead())
      const { firstHitsMs, searchMs, hits } = await search(`bench-${round}`)
      result.firstHitsMs.push(firstHitsMs)
      result.searchMs.push(searchMs)
      result.hits = hits
    }
    return result
  } finally {
    await app.close()
  }
}
