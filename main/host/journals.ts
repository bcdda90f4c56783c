import type { AppEvents, JournalStatus } from '#common/contract/index.ts'
import type { EventHub } from '#common/rpc/index.ts'
import type { JournalFactory, JournalSink } from '../connections/live-connection.ts'
import { readAppState, writeAppState } from '../sessions/app-state.ts'
import { ChunkPool } from '../sessions/chunk-pool.ts'
import { RunRecorder } from '../sessions/run-recorder.ts'
import type { RunStore } from '../sessions/run-store.ts'
import type { SessionStore } from '../sessions/session-store.ts'

/** What unsaved tabs' journals may take on disk before the oldest go (4 GiB). */
export const DEFAULT_SCRATCH_BUDGET_BYTES = 4 * 1024 ** 3

/** A scratch journal no tab refers to is kept this long after its connection ended. */
const UNREFERENCED_GRACE_MS = 60_000

export interface JournalsOptions {
  now?: () => number
}

interface OpenJournal {
  recorder: RunRecorder
  sessionId: string | null
}

/**
 * Every connection's journal: a run from its first event to its end, in a session's runs when the
 * tab has a session ("kept"), else scratch until no tab shows it. The connection's own final event
 * ends its run; a failed write stops keeping that connection (it goes on, and says why).
 */
export class Journals {
  readonly #sessions: SessionStore
  readonly #runs: RunStore
  readonly #events: EventHub<AppEvents>
  readonly #now: () => number
  readonly #open = new Map<number, OpenJournal>()
  /** The memory every journal copies its batches into until they are written. */
  readonly #pool = new ChunkPool()

  constructor(
    sessions: SessionStore,
    runs: RunStore,
    events: EventHub<AppEvents>,
    options: JournalsOptions = {},
  ) {
    this.#sessions = sessions
    this.#runs = runs
    this.#events = events
    this.#now = options.now ?? Date.now
  }

  /** For the connection manager: every new connection's journal. */
  readonly factory: JournalFactory = ({ protocol, url, keepIn, changed }) => {
    if (this.#sessions.status().readOnly) return null
    const sessionId = keepIn !== null && this.#sessions.exists(keepIn) ? keepIn : null
    let runId: number
    try {
      runId = this.#runs.begin(sessionId, protocol, url, this.#now())
    } catch (error) {
      return stoppedSink(`Not kept: the journal could not be started (${messageOf(error)})`)
    }
    let problem: string | null = null
    const recorder = new RunRecorder(this.#runs, runId, {
      pool: this.#pool,
      onError: (error) => {
        problem = `No longer kept from here: ${messageOf(error)}. What was kept before stays.`
        this.#open.delete(runId)
        changed()
      },
    })
    this.#open.set(runId, { recorder, sessionId })
    if (sessionId !== null) this.#runsChanged(sessionId)
    return {
      status: (): JournalStatus => ({ runId, problem }),
      batch: (batch) => recorder.batch(batch),
      whole: (message) => recorder.whole(message),
      end: (ts) => {
        recorder.finish(ts)
        void recorder
          .drained()
          .then(() => {
            const open = this.#open.get(runId)
            this.#open.delete(runId)
            if (open?.sessionId) this.#runsChanged(open.sessionId)
          })
          .catch((error: unknown) => {
            // Only the news of the run's end is lost: the run itself is closed.
            console.error(`Telling of the end of run ${runId} failed: ${messageOf(error)}`)
          })
      },
    }
  }

  /** Resolves once what run `runId` was given so far is written (before it is read). */
  drained(runId: number): Promise<void> {
    return this.#open.get(runId)?.recorder.drained() ?? Promise.resolve()
  }

  /**
   * Keeps the runs in session `sessionId` (a tab was saved as it), or makes them scratch again
   * (null): one call for all of a tab's or a session's connections.
   */
  keep(runIds: readonly number[], sessionId: string | null): void {
    this.#sessions.assertWritable()
    if (sessionId !== null) this.#sessions.get(sessionId)
    const before = this.#runs.moveRuns(runIds, sessionId)
    for (const runId of runIds) {
      const open = this.#open.get(runId)
      if (open) open.sessionId = sessionId
    }
    for (const changed of new Set([...before, sessionId])) if (changed) this.#runsChanged(changed)
  }

  /** What unsaved tabs' journals may take on disk. */
  budgetBytes(): number {
    const stored = Number(readAppState(this.#sessions.db, 'journal_budget'))
    return Number.isSafeInteger(stored) && stored > 0 ? stored : DEFAULT_SCRATCH_BUDGET_BYTES
  }

  setBudgetBytes(bytes: number): void {
    this.#sessions.assertWritable()
    writeAppState(this.#sessions.db, 'journal_budget', String(bytes))
  }

  /** Bytes on disk of unsaved tabs' journals. */
  scratchBytes(): number {
    return this.#runs.scratchRuns().reduce((sum, run) => sum + run.diskBytes, 0)
  }

  /**
   * Lets go of scratch journals no tab shows any more (`referenced`: the runs the open tabs
   * show), then of the oldest ones past the budget (never a live one, never a session's run).
   */
  collect(referenced: ReadonlySet<number>): void {
    if (this.#sessions.status().readOnly) return
    const now = this.#now()
    let total = 0
    const kept = []
    for (const run of this.#runs.scratchRuns()) {
      const live = this.#open.has(run.id)
      if (!live && !referenced.has(run.id) && now - (run.endedAt ?? now) > UNREFERENCED_GRACE_MS) {
        this.#runs.delete(run.id)
        continue
      }
      total += run.diskBytes
      kept.push({ ...run, live })
    }
    const budget = this.budgetBytes()
    let trimmed = 0
    let freed = 0
    for (const run of kept) {
      if (total <= budget) break
      if (run.live) continue
      this.#runs.delete(run.id)
      total -= run.diskBytes
      freed += run.diskBytes
      trimmed++
    }
    if (trimmed > 0)
      this.#events.emit('notice', {
        message: `Unsaved tabs' logs went over their ${formatBytes(budget)} budget: the ${trimmed} oldest (${formatBytes(freed)}) were let go. Save a tab as a session to keep its log, or raise the budget in Settings.`,
      })
  }

  /**
   * Ends every open journal now (the app is quitting; their connections' ends would come too
   * late), and resolves once what they were given is written.
   */
  async closeAll(): Promise<void> {
    const open = [...this.#open.values()]
    this.#open.clear()
    for (const { recorder } of open) recorder.finish(this.#now())
    await Promise.all(open.map(({ recorder }) => recorder.drained()))
  }

  #runsChanged(sessionId: string): void {
    this.#sessions.touch(sessionId)
    this.#events.emit('sessionRuns', { sessionId })
  }
}

/** The journal of a connection that cannot be kept: it says why, and keeps nothing. */
function stoppedSink(problem: string): JournalSink {
  return {
    status: () => ({ runId: null, problem }),
    batch: () => {},
    whole: () => {},
    end: () => {},
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`
}
