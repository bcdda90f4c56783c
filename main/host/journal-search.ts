import { setImmediate as nextTurn } from 'node:timers/promises'
import {
  blockViewOfBatch,
  compileBlockSearch,
  FLAG_OUT,
  FLAG_SSE,
  KIND_CODES,
  KIND_MASK,
  passesRowFilter,
  readBatch,
  type BatchView,
  type RowFilter,
} from '#common/batch/index.ts'
import {
  ApiError,
  type ConnectionEvent,
  type JournalCountEvent,
  type JournalFilter,
  type JournalQuery,
  type JournalRange,
  type JournalSearchEvent,
} from '#common/contract/index.ts'
import type { RunStore } from '../sessions/run-store.ts'

/** Work done before the host's loop gets a turn (its connections go on meanwhile). */
const SLICE_MS = 12
/** How often progress is sent, at most. */
const REPORT_MS = 50

const decoder = new TextDecoder()

/**
 * Reads journals in the host, where they are: batch by batch from the runs' files, in slices of
 * the loop so live connections keep flowing. A search sends the hits it finds as it goes; a count
 * says how many rows a filter lets through. What a row offers a search is what the log's own
 * search reads (compileBlockSearch): payload, SSE event type and id; a large message is searched
 * by its preview, as in the live log.
 */
export function createJournalSearch(
  runs: RunStore,
  drained: (runId: number) => Promise<void>,
  emit: {
    search: (event: JournalSearchEvent) => void
    count: (event: JournalCountEvent) => void
  },
) {
  const running = new Map<string, { cancelled: boolean }>()

  /**
   * Visits the batches of `ranges` in order (`base`: the row number of the range's first event),
   * giving the loop a turn every slice, and `progress` a call every so often and at the end.
   */
  async function scan(
    ranges: readonly JournalRange[],
    state: { cancelled: boolean },
    visit: (batch: BatchView, base: number, range: JournalRange) => void,
    progress: (scanned: number, total: number, done: boolean) => void,
  ): Promise<void> {
    const total = ranges.reduce(
      (sum, range) => sum + Math.max(0, range.toSeq - range.fromSeq + 1),
      0,
    )
    let sliceStart = performance.now()
    let reportedAt = sliceStart
    let base = 0
    for (const range of ranges) {
      await drained(range.runId)
      for (const bytes of runs.scanBatches(range.runId, range.fromSeq, range.toSeq)) {
        const batch = readBatch(bytes)
        visit(batch, base, range)
        const lastSeq = Math.max(batch.seq[batch.count - 1] ?? 0, batch.events.at(-1)?.seq ?? 0)
        const scanned = Math.min(total, base + Math.max(0, lastSeq - range.fromSeq + 1))
        const now = performance.now()
        if (now - sliceStart < SLICE_MS) continue
        if (now - reportedAt >= REPORT_MS) {
          progress(scanned, total, false)
          reportedAt = now
        }
        await nextTurn()
        if (state.cancelled) return
        sliceStart = performance.now()
      }
      base += Math.max(0, range.toSeq - range.fromSeq + 1)
    }
    progress(total, total, true)
  }

  /** Runs a scan under `id` (replacing one with the same id). */
  function run(id: string, work: (state: { cancelled: boolean }) => Promise<void>): void {
    cancel(id)
    const state = { cancelled: false }
    running.set(id, state)
    void work(state)
      .catch((error: unknown) => console.error(`Journal scan ${id} failed: ${String(error)}`))
      .finally(() => {
        if (running.get(id) === state) running.delete(id)
      })
  }

  function cancel(id: string): void {
    const state = running.get(id)
    if (state) state.cancelled = true
    running.delete(id)
  }

  return {
    /** Starts a search; its hits arrive as `journalSearch` events. */
    start(searchId: string, ranges: readonly JournalRange[], query: JournalQuery): void {
      let match: ReturnType<typeof compileBlockSearch>
      try {
        match = compileBlockSearch(query)
      } catch (error) {
        throw new ApiError(
          'INVALID_ARGUMENT',
          `The search is not a regular expression: ${(error as Error).message}`,
        )
      }
      let hits: number[] = []
      run(searchId, (state) =>
        scan(
          ranges,
          state,
          (batch, base, { fromSeq, toSeq }) => {
            for (const i of match(blockViewOfBatch(batch))) {
              const seq = batch.seq[i]!
              if (seq >= fromSeq && seq <= toSeq) hits.push(base + seq - fromSeq)
            }
          },
          (scanned, total, done) => {
            if (hits.length === 0 && !done) return
            emit.search({ searchId, hits, scanned, total, done })
            hits = []
          },
        ),
      )
    },

    /** Starts counting the rows `filter` lets through; the count arrives as `journalCount` events. */
    count(countId: string, ranges: readonly JournalRange[], filter: JournalFilter): void {
      const passes = compileFilter(filter)
      let matched = 0
      run(countId, (state) =>
        scan(
          ranges,
          state,
          (batch, _base, { fromSeq, toSeq }) => {
            for (let i = 0; i < batch.count; i++) {
              const seq = batch.seq[i]!
              if (seq >= fromSeq && seq <= toSeq && passes.message(batch, i)) matched++
            }
            for (const event of batch.events)
              if (event.seq >= fromSeq && event.seq <= toSeq && passes.event(event)) matched++
          },
          (scanned, total, done) => emit.count({ countId, matched, scanned, total, done }),
        ),
      )
    },

    cancel,

    cancelAll(): void {
      for (const id of [...running.keys()]) cancel(id)
    },
  }
}

/** The log view's filter (passesRowFilter) over a journal's batches. */
function compileFilter(filter: JournalFilter) {
  const flags = (names: readonly string[]): Record<string, boolean> =>
    Object.fromEntries(names.map((name) => [name, true]))
  const rowFilter: RowFilter = {
    ...filter,
    directions: flags(filter.directions),
    kinds: flags(filter.kinds),
  }
  return {
    message(batch: BatchView, i: number): boolean {
      const flagsOf = batch.flags[i]!
      const kind = KIND_CODES[flagsOf & KIND_MASK]!
      return passesRowFilter(rowFilter, {
        direction: flagsOf & FLAG_OUT ? 'out' : 'in',
        kind: kind === 'ping' || kind === 'pong' ? 'ping-pong' : kind,
        eventType: () => {
          if (!(flagsOf & FLAG_SSE)) return 'message'
          const fields = batch.sse.subarray(i === 0 ? 0 : batch.sseEnd[i - 1], batch.sseEnd[i])
          return (JSON.parse(decoder.decode(fields)) as [string | null])[0] ?? 'message'
        },
      })
    },
    event: (event: ConnectionEvent): boolean =>
      passesRowFilter(rowFilter, {
        direction: 'lifecycle',
        kind: 'lifecycle',
        closeCode: event.type === 'close' ? event.code : undefined,
      }),
  }
}
