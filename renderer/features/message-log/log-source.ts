import type { RowBlock } from '#common/batch/index.ts'
import type { StoredMessage } from '#common/contract/index.ts'
import type { FilterKind, LogRow } from './log-row.ts'
import type { LogFilter } from './log-view.ts'

/** How a count of the rows before those held goes: matched so far, of the rows read, of all. */
export interface OlderCount {
  matched: number
  scanned: number
  total: number
  done: boolean
}

/** Where a log's rows come from. */
export type LogSourceKind = 'live' | 'run' | 'file'

/**
 * What the log view reads: rows by absolute number (0 is the first row, or the first since a
 * clear), a revision that changes when they do, and the whole of a message shown as a preview.
 * A live connection, a recorded run and an imported file are all sources; how the rows are
 * stored behind one is the source's own business.
 */
export interface LogSource {
  readonly kind: LogSourceKind
  /** Reactive: read it in a computed or a watcher to hear of new rows. */
  readonly revision: number
  /** The absolute number of the oldest row the view can show. */
  readonly first: number
  /**
   * The oldest row held in memory (≥ first): filters, search and export read from here. Rows
   * before it are paged in as they are looked at (a live log's journal).
   */
  readonly held: number
  /** Rows so far: the number the next row gets. */
  readonly total: number
  /** Rows held (total − held). */
  readonly size: number
  /** Older rows let go for the row limit (announced in the view). */
  readonly dropped: number
  row(n: number): LogRow | undefined
  /** Row `n`'s filter kind and direction, without decoding it. */
  filterKindOf(n: number): FilterKind
  directionOf(n: number): 'in' | 'out' | 'lifecycle'
  /** An SSE event row's type ("message" by default); null for other rows. */
  eventTypeOf(n: number): string | null
  /** When the connection last connected before row `n` ("time since connect"). */
  connectTsOf(n: number): number
  /** Every held row, oldest first. */
  rows(): Iterable<LogRow>
  /** Rows for a worker to read, copied out in one piece (see LogBuffer.exportBlock). */
  exportBlock(
    from: number,
    to: number,
    limit: { rows: number; bytes: number },
    spare?: RowBlock,
  ): { first: number; block: RowBlock; others: number[]; next: number }
  /** The whole of message row `n`, which travelled as a preview. */
  fullMessage(n: number): Promise<StoredMessage>
  /**
   * Searches the rows before `held` where they are kept (a live log's journal), handing over the
   * row numbers found, in order, as they come; returns what stops it.
   */
  searchOlder?(
    query: { text: string; regex: boolean },
    onHits: (rows: readonly number[]) => void,
    onDone: () => void,
  ): () => void
  /**
   * Counts the rows before `held` that `filter` lets through, where they are kept, telling
   * `onCount` as it goes; returns what stops it.
   */
  countOlder?(filter: LogFilter, onCount: (count: OlderCount) => void): () => void
  /** The rows before `held`, read from where they are kept a page at a time (for an export). */
  olderRows?(): AsyncIterable<readonly LogRow[]>
  /** A live log's journal rows before this place were cleared from it. */
  readonly clearedAt?: number
  /** Empties a live log; recorded and imported ones cannot be. */
  clear?(): void
}
