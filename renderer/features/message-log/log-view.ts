import { passesRowFilter } from '#common/batch/index.ts'
import { isMarker, type FilterKind, type LogRow } from './log-row.ts'
import { JoinedRows, RowIndex, RowRange, type RowList } from './row-index.ts'

/** What the view reads of a log: rows by absolute number, and where they start and end. */
export interface RowAccess {
  readonly first: number
  /** The oldest row held in memory: a filter tests rows from here (see LogSource.held). */
  readonly held?: number
  readonly total: number
  row(n: number): LogRow | undefined
  /** The row's filter kind and direction, without decoding it. */
  filterKindOf(n: number): FilterKind
  directionOf(n: number): 'in' | 'out' | 'lifecycle'
  /** An SSE event row's type; null for other rows. */
  eventTypeOf(n: number): string | null
}

export interface LogFilter {
  directions: { in: boolean; out: boolean; lifecycle: boolean }
  kinds: Record<FilterKind, boolean>
  /** SSE events of these types only (empty: every type). */
  eventTypes: string[]
  /** Closes with these codes only (empty: every close). */
  closeCodes: number[]
}

export function allVisible(): LogFilter {
  return {
    directions: { in: true, out: true, lifecycle: true },
    kinds: {
      text: true,
      binary: true,
      'sse-event': true,
      'sse-comment': true,
      'sse-retry': true,
      'ping-pong': true,
      lifecycle: true,
    },
    eventTypes: [],
    closeCodes: [],
  }
}

/**
 * Whether row `n` passes: by its columns, then an SSE event by its type and a close by its code;
 * a skipped-rows marker always does.
 */
export function passesFilter(buffer: RowAccess, n: number, filter: LogFilter): boolean {
  const direction = buffer.directionOf(n)
  let closeCode: number | null | undefined
  if (direction === 'lifecycle') {
    const row = buffer.row(n)
    if (row !== undefined && isMarker(row)) return true
    if (row?.type === 'close') closeCode = row.code
  }
  return passesRowFilter(filter, {
    direction,
    kind: buffer.filterKindOf(n),
    closeCode,
    eventType: () => buffer.eventTypeOf(n) ?? 'message',
  })
}

/** "message, token , done" → the names; "1000, 1006" → the codes (what is not one is left out). */
export function parseList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
}

export function parseCodes(text: string): number[] {
  return parseList(text)
    .map(Number)
    .filter((code) => Number.isInteger(code) && code >= 0 && code <= 65_535)
}

/**
 * What the search looks in, field by field (so ^ and $ anchor to a field): the payload, the SSE
 * event type and id, and lifecycle details.
 */
export function searchableText(row: LogRow): string[] {
  switch (row.type) {
    case 'message':
      return [
        row.data ?? row.base64 ?? '',
        ...(row.event !== undefined ? [row.event] : []),
        ...(row.id !== undefined ? [row.id] : []),
      ]
    case 'connecting':
      return [row.url]
    case 'open':
      return [`${row.handshake.status} ${row.handshake.statusText}`]
    case 'error':
      return [row.code, row.message]
    case 'reconnecting':
      return row.lastEventId === null ? [] : [row.lastEventId]
    case 'close':
      return [String(row.code ?? ''), row.reason]
    case 'skipped':
    case 'restarted':
      return []
    default:
      return row satisfies never
  }
}

export type SearchMatcher = ((text: string) => boolean) | null

/** A matcher for the search box: plain text (case-insensitive) or a regular expression. */
export function compileSearch(
  query: string,
  regex: boolean,
): { matcher: SearchMatcher; error: string | null } {
  if (query === '') return { matcher: null, error: null }
  if (!regex) {
    const needle = query.toLowerCase()
    return { matcher: (text) => text.toLowerCase().includes(needle), error: null }
  }
  try {
    const pattern = new RegExp(query, 'i')
    return { matcher: (text) => pattern.test(text), error: null }
  } catch (error) {
    return {
      matcher: null,
      error: (error as Error).message.replace(/^Invalid regular expression: /, ''),
    }
  }
}

/** Where a search finds itself in a text: [start, end) ranges, in order. */
export type Highlighter = (text: string) => [number, number][]

/** The ranges of `text` a search matches (plain text in any case, or the expression), or null. */
export function compileHighlighter(query: string, regex: boolean): Highlighter | null {
  if (query === '') return null
  let pattern: RegExp
  try {
    pattern = new RegExp(regex ? query : query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi')
  } catch {
    return null
  }
  return (text) => {
    const ranges: [number, number][] = []
    pattern.lastIndex = 0
    for (let found = pattern.exec(text); found !== null; found = pattern.exec(text)) {
      // An empty match (a lookahead, ^) marks nothing; step past it.
      if (found[0].length === 0) {
        pattern.lastIndex++
        continue
      }
      ranges.push([found.index, found.index + found[0].length])
      if (ranges.length >= 100) break
    }
    return ranges
  }
}

/** True when the filter lets every row through. */
export function passesAll(filter: LogFilter): boolean {
  return (
    Object.values(filter.directions).every(Boolean) &&
    Object.values(filter.kinds).every(Boolean) &&
    filter.eventTypes.length === 0 &&
    filter.closeCodes.length === 0
  )
}

/**
 * The rows a filter lets through, as absolute row numbers, kept up to date as rows arrive (only
 * the new rows are tested, by their columns) and rebuilt when the filter changes; and the rows
 * that match the search, which the search fills in (see log-search.ts). With no filter, the
 * visible rows are a range: two numbers, however many rows.
 */
export class FilteredRows {
  #visible: RowIndex | RowRange
  /** Search hits among the rows held. */
  readonly matches = new RowIndex()
  /** Search hits before them, found where they are kept (see LogSource.searchOlder). */
  readonly olderMatches = new RowIndex()
  /** Every hit, in order: the older ones, then those among the rows held. */
  readonly allMatches: RowList = new JoinedRows(this.olderMatches, this.matches)
  #tested = 0
  #filter: LogFilter

  constructor(filter: LogFilter) {
    this.#filter = filter
    this.#visible = passesAll(filter) ? new RowRange() : new RowIndex()
  }

  /** The visible rows, in order. */
  get visible(): RowList {
    return this.#visible
  }

  /** Whether row `n` of `buffer` passes this view's filter. */
  passes(buffer: RowAccess, n: number): boolean {
    return passesFilter(buffer, n, this.#filter)
  }

  /** Tests the rows appended since the last update, and forgets rows the buffer let go. */
  update(buffer: RowAccess): void {
    if (this.#tested > buffer.total) this.#reset()
    const first = buffer.held ?? buffer.first
    this.matches.dropBelow(first)
    const from = Math.max(this.#tested, first)
    if (this.#visible instanceof RowRange) {
      this.#visible.first = buffer.first
      this.#visible.total = buffer.total
    } else {
      this.#visible.dropBelow(first)
      for (let n = from; n < buffer.total; n++)
        if (passesFilter(buffer, n, this.#filter)) this.#visible.push(n)
    }
    this.#tested = buffer.total
  }

  /** Rebuilds for another filter (the search starts again too). */
  reset(filter: LogFilter, buffer: RowAccess): void {
    this.#filter = filter
    this.#reset()
    this.update(buffer)
  }

  #reset(): void {
    this.#visible = passesAll(this.#filter) ? new RowRange() : new RowIndex()
    this.matches.clear()
    this.olderMatches.clear()
    this.#tested = 0
  }
}
