import type { ConnectionEvent, RunEventsPage } from '#common/contract/index.ts'

/** One connection's journal in a tab's log: its run, and its rows once it has ended. */
export interface JournalSegment {
  runId: number
  /** Its events are numbered 1…rows; null while it goes on (it is the last). */
  rows: number | null
}

/** Rows fetched per page: a screenful many times over, one quick read in the host. */
export const JOURNAL_PAGE_ROWS = 500
/** Pages held: a few screens around where the user looks, whatever the journal's size. */
const PAGES_HELD = 40

/**
 * The rows of a tab's journals that its live log no longer holds, paged in by position as the view
 * asks for them: position p is the p-th event of the journals taken in order (run after run, each
 * numbered from seq 1). Holds a bounded number of pages, the least recently read going first, so
 * the page's memory stays flat however long the journals are.
 */
export class JournalPages {
  readonly #segments: JournalSegment[] = []
  readonly #fetch: (runId: number, afterSeq: number, limit: number) => Promise<RunEventsPage>
  readonly #loaded: () => void
  readonly #failed: (error: unknown) => void
  /** Page number → its rows, in reading order (a Map keeps insertion order: LRU by re-insertion). */
  readonly #pages = new Map<number, ConnectionEvent[]>()
  readonly #loading = new Set<number>()

  constructor(
    fetch: (runId: number, afterSeq: number, limit: number) => Promise<RunEventsPage>,
    loaded: () => void,
    failed: (error: unknown) => void,
  ) {
    this.#fetch = fetch
    this.#loaded = loaded
    this.#failed = failed
  }

  get segments(): readonly JournalSegment[] {
    return this.#segments
  }

  /** A connection's journal joins the log after the others; the one before it has ended. */
  add(runId: number, endedRows?: number): void {
    const last = this.#segments.at(-1)
    if (last && last.rows === null && endedRows !== undefined) last.rows = endedRows
    if (!this.#segments.some((segment) => segment.runId === runId))
      this.#segments.push({ runId, rows: null })
  }

  /** Sets how many rows an ended journal has. */
  ended(runId: number, rows: number): void {
    const segment = this.#segments.find((candidate) => candidate.runId === runId)
    if (segment) segment.rows = rows
  }

  /** The position of event `seq` of run `runId`, or null if the run is not one of these. */
  positionOf(runId: number, seq: number): number | null {
    let before = 0
    for (const segment of this.#segments) {
      if (segment.runId === runId) return before + seq - 1
      if (segment.rows === null) return null
      before += segment.rows
    }
    return null
  }

  /** Positions `from`…`to − 1` as events of runs, in order. */
  rangesOf(from: number, to: number): { runId: number; fromSeq: number; toSeq: number }[] {
    const ranges = []
    let before = 0
    for (const segment of this.#segments) {
      const end = segment.rows === null ? Infinity : before + segment.rows
      const start = Math.max(from, before)
      const stop = Math.min(to, end)
      if (start < stop)
        ranges.push({ runId: segment.runId, fromSeq: start - before + 1, toSeq: stop - before })
      if (segment.rows === null || end >= to) break
      before = end
    }
    return ranges
  }

  /** The row at `position`, if its page is here; else undefined, and the page is fetched. */
  row(position: number): ConnectionEvent | undefined {
    const page = Math.floor(position / JOURNAL_PAGE_ROWS)
    const rows = this.#pages.get(page)
    if (rows === undefined) {
      void this.#load(page)
      return undefined
    }
    const row = rows[position - page * JOURNAL_PAGE_ROWS]
    this.#pages.delete(page)
    if (row === undefined && rows.length < JOURNAL_PAGE_ROWS) {
      // Read while the journal ended inside it: read again, with what came since.
      void this.#load(page)
      return undefined
    }
    this.#pages.set(page, rows)
    return row
  }

  /** Forgets every page (the journals changed under them). */
  clear(): void {
    this.#pages.clear()
  }

  async #load(page: number): Promise<void> {
    if (this.#loading.has(page)) return
    this.#loading.add(page)
    try {
      const rows: ConnectionEvent[] = []
      let position = page * JOURNAL_PAGE_ROWS
      const end = position + JOURNAL_PAGE_ROWS
      let before = 0
      for (const segment of this.#segments) {
        const segmentEnd = segment.rows === null ? Infinity : before + segment.rows
        if (position < segmentEnd) {
          const wanted = Math.min(end, segmentEnd) - position
          const { events } = await this.#fetch(segment.runId, position - before, wanted)
          rows.push(...events)
          position += events.length
          // Fewer than asked: this journal has no more yet.
          if (events.length < wanted || position >= end) break
        }
        if (segment.rows === null) break
        before = segmentEnd
      }
      this.#pages.set(page, rows)
      while (this.#pages.size > PAGES_HELD) this.#pages.delete(this.#pages.keys().next().value!)
      this.#loaded()
    } catch (error) {
      this.#failed(error)
    } finally {
      this.#loading.delete(page)
    }
  }
}
