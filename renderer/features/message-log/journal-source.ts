import type {
  JournalFilter,
  JournalQuery,
  JournalRange,
  RunEventsPage,
  StoredMessage,
} from '#common/contract/index.ts'
import type { JournalPages } from './journal-pages.ts'
import type { LogBuffer } from './log-buffer.ts'
import { directionOf, filterKindOf, type LogRow } from './log-row.ts'
import type { LogSource, OlderCount } from './log-source.ts'

/** Events read per call when the rows before those held are read through (an export). */
const OLDER_PAGE = 5_000

/** A live tab's journals, behind the rows its buffer holds. */
export interface TabJournal {
  pages: JournalPages
  /** Journal positions before this were cleared from the view (Clear). */
  clearedAt: number
  /** The run that the connection (or journal) key of a held row belongs to. */
  runOf(key: string | undefined): number | null
}

/**
 * How many journal rows (after the clear point) come before the buffer's oldest held row: the rows
 * the view pages in from the journal. Found from the first held row that is an event (a marker
 * has no seq), so it is exact whatever the buffer let go.
 */
export function olderRows(buffer: LogBuffer, journal: TabJournal | undefined): number {
  if (!journal) return 0
  for (let n = buffer.first; n < buffer.total; n++) {
    const seq = buffer.seqOf(n)
    if (seq === 0) continue
    const runId = journal.runOf(buffer.connectionIdOf(n))
    const position = runId === null ? null : journal.pages.positionOf(runId, seq)
    return position === null ? 0 : Math.max(0, position - journal.clearedAt)
  }
  return 0
}

export interface LiveSourceParts {
  revision: () => number
  buffer: () => LogBuffer
  journal: () => TabJournal | undefined
  /** The whole of held row `n` (buffer numbering). */
  fullMessage: (n: number) => Promise<StoredMessage>
  /** Counts journal ranges' rows a filter lets through, in the host; returns what stops it. */
  countJournal: (
    ranges: JournalRange[],
    filter: JournalFilter,
    onCount: (count: OlderCount) => void,
  ) => () => void
  /** A page of a run's events (AppApi.getRunEvents). */
  fetch: (runId: number, afterSeq: number, limit: number) => Promise<RunEventsPage>
  /** Searches journal ranges in the host (see AppApi.searchJournal); returns what stops it. */
  searchJournal: (
    ranges: JournalRange[],
    query: JournalQuery,
    onHits: (hits: readonly number[]) => void,
    onDone: () => void,
  ) => () => void
  clear: () => void
}

/**
 * A live tab's log as a source: the rows its buffer holds, and before them (numbered from 0) the
 * rows of its journals it let go, paged in as they are looked at. Row numbers stay put as the
 * buffer lets rows go: a row's number is its place in the journals. Without a journal, the
 * buffer's own numbering.
 */
export function liveSource(parts: LiveSourceParts): LogSource {
  /** Source row number − buffer row number, for the rows the buffer holds. */
  const delta = (): number => {
    const journal = parts.journal()
    const buffer = parts.buffer()
    return journal ? olderRows(buffer, journal) - buffer.first : 0
  }
  /** The journal runs' events behind the rows before those held. */
  const olderRanges = (): JournalRange[] => {
    const journal = parts.journal()
    const count = journal ? parts.buffer().first + delta() : 0
    return journal && count > 0
      ? journal.pages.rangesOf(journal.clearedAt, journal.clearedAt + count)
      : []
  }
  /**
   * Where source row `n` is: a journal row before those held (undefined while its page loads), or
   * the buffer's row `at`. The offset is found once per call (this runs for every row a view reads).
   */
  const locate = (n: number): { row: LogRow | undefined; at?: never } | { at: number } => {
    const journal = parts.journal()
    const buffer = parts.buffer()
    const shift = journal ? olderRows(buffer, journal) - buffer.first : 0
    if (journal && n < buffer.first + shift)
      return { row: journal.pages.row(journal.clearedAt + n) }
    return { at: n - shift }
  }
  return {
    kind: 'live',
    get revision() {
      return parts.revision()
    },
    get first() {
      return parts.journal() ? 0 : parts.buffer().first
    },
    get held() {
      return parts.buffer().first + delta()
    },
    get total() {
      return parts.buffer().total + delta()
    },
    get size() {
      return parts.buffer().size
    },
    get clearedAt() {
      return parts.journal()?.clearedAt ?? 0
    },
    get dropped() {
      return parts.journal() ? 0 : parts.buffer().dropped
    },
    row(n) {
      const place = locate(n)
      return place.at === undefined ? place.row : parts.buffer().row(place.at)
    },
    filterKindOf(n) {
      const place = locate(n)
      if (place.at !== undefined) return parts.buffer().filterKindOf(place.at)
      return place.row ? filterKindOf(place.row) : 'lifecycle'
    },
    directionOf(n) {
      const place = locate(n)
      if (place.at !== undefined) return parts.buffer().directionOf(place.at)
      return place.row ? directionOf(place.row) : 'lifecycle'
    },
    eventTypeOf(n) {
      const place = locate(n)
      if (place.at !== undefined) return parts.buffer().eventTypeOf(place.at)
      const row = place.row
      return row?.type === 'message' && row.kind === 'sse-event' ? (row.event ?? 'message') : null
    },
    connectTsOf(n) {
      const place = locate(n)
      return place.at === undefined ? (place.row?.ts ?? 0) : parts.buffer().connectTsOf(place.at)
    },
    rows: () => parts.buffer().rows(),
    exportBlock(from, to, limit, spare) {
      const shift = delta()
      const result = parts.buffer().exportBlock(from - shift, to - shift, limit, spare)
      return {
        first: result.first + shift,
        block: result.block,
        others: result.others.map((n) => n + shift),
        next: result.next + shift,
      }
    },
    fullMessage(n) {
      const place = locate(n)
      if (place.at !== undefined) return parts.fullMessage(place.at)
      const row = place.row
      if (row?.type !== 'message') return Promise.reject(new Error('This row is not a message'))
      // A journal keeps large messages whole.
      const { seq, kind, direction, size, data, base64 } = row
      return Promise.resolve({ seq, kind, direction, size, data, base64 })
    },
    async *olderRows() {
      for (const { runId, fromSeq, toSeq } of olderRanges()) {
        for (let afterSeq = fromSeq - 1; afterSeq < toSeq;) {
          const { events } = await parts.fetch(
            runId,
            afterSeq,
            Math.min(OLDER_PAGE, toSeq - afterSeq),
          )
          if (events.length === 0) break
          yield events
          afterSeq = events.at(-1)!.seq
        }
      }
    },
    searchOlder(query, onHits, onDone) {
      const ranges = olderRanges()
      if (ranges.length === 0) {
        onDone()
        return () => {}
      }
      // Hits are numbered in the ranges, which start at row 0.
      return parts.searchJournal(ranges, query, onHits, onDone)
    },
    countOlder(filter, onCount) {
      const ranges = olderRanges()
      if (ranges.length === 0) {
        onCount({ matched: 0, scanned: 0, total: 0, done: true })
        return () => {}
      }
      const on = (flags: Record<string, boolean>): string[] =>
        Object.keys(flags).filter((name) => flags[name])
      return parts.countJournal(
        ranges,
        {
          directions: on(filter.directions) as JournalFilter['directions'],
          kinds: on(filter.kinds),
          eventTypes: [...filter.eventTypes],
          closeCodes: [...filter.closeCodes],
        },
        onCount,
      )
    },
    clear: parts.clear,
  }
}
