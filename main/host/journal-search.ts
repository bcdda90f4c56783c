import { setImmediate as nextTurn } from 'node:timers/promises'
import { blockViewOfBatch, compileBlockSearch, readBatch } from '#common/batch/index.ts'
import {
  ApiError,
  type JournalQuery,
  type JournalRange,
  type JournalSearchEvent,
} from '#common/contract/index.ts'
import type { RunStore } from '../sessions/run-store.ts'

/** Work done before the host's loop gets a turn (its connections go on meanwhile). */
const SLICE_MS = 12
/** How often hits found are sent, at most. */
const REPORT_MS = 50

/**
 * Searches journals in the host, where they are: batch by batch from the runs' files, in slices
 * of the loop so live connections keep flowing, sending the hits found as it goes. What a row
 * offers is what the log's own search reads (compileBlockSearch): payload, SSE event type and
 * id; a large message is searched by its preview, as in the live log.
 */
export function createJournalSearch(
  runs: RunStore,
  drained: (runId: number) => Promise<void>,
  emit: (event: JournalSearchEvent) => void,
) {
  const running = new Map<string, { cancelled: boolean }>()

  async function search(
    searchId: string,
    ranges: readonly JournalRange[],
    match: ReturnType<typeof compileBlockSearch>,
    state: { cancelled: boolean },
  ): Promise<void> {
    const total = ranges.reduce(
      (sum, range) => sum + Math.max(0, range.toSeq - range.fromSeq + 1),
      0,
    )
    let hits: number[] = []
    let scanned = 0
    let sliceStart = performance.now()
    let reportedAt = sliceStart
    const report = (done: boolean): void => {
      emit({ searchId, hits, scanned, total, done })
      hits = []
      reportedAt = performance.now()
    }
    let base = 0
    for (const { runId, fromSeq, toSeq } of ranges) {
      await drained(runId)
      for (const bytes of runs.scanBatches(runId, fromSeq, toSeq)) {
        const batch = readBatch(bytes)
        const block = blockViewOfBatch(batch)
        for (const i of match(block)) {
          const seq = batch.seq[i]!
          if (seq >= fromSeq && seq <= toSeq) hits.push(base + seq - fromSeq)
        }
        scanned = Math.min(total, base + (batch.seq[batch.count - 1] ?? fromSeq) - fromSeq + 1)
        const now = performance.now()
        if (now - sliceStart < SLICE_MS) continue
        if (hits.length > 0 && now - reportedAt >= REPORT_MS) report(false)
        await nextTurn()
        if (state.cancelled) return
        sliceStart = performance.now()
      }
      base += Math.max(0, toSeq - fromSeq + 1)
    }
    scanned = total
    report(true)
  }

  return {
    /** Starts a search (replacing one with the same id); its hits arrive as events. */
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
      this.cancel(searchId)
      const state = { cancelled: false }
      running.set(searchId, state)
      void search(searchId, ranges, match, state)
        .catch((error: unknown) => {
          console.error(`Journal search ${searchId} failed: ${String(error)}`)
          if (!state.cancelled) emit({ searchId, hits: [], scanned: 0, total: 0, done: true })
        })
        .finally(() => {
          if (running.get(searchId) === state) running.delete(searchId)
        })
    },

    cancel(searchId: string): void {
      const state = running.get(searchId)
      if (state) state.cancelled = true
      running.delete(searchId)
    },

    cancelAll(): void {
      for (const id of [...running.keys()]) this.cancel(id)
    },
  }
}
