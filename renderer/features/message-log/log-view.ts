import { directionOf, filterKindOf, type FilterKind, type LogRow } from './log-row.ts'

/** What the view reads of a log: rows by absolute number, and where they start and end. */
export interface RowAccess {
  readonly first: number
  readonly total: number
  row(n: number): LogRow | undefined
}

export interface LogFilter {
  directions: { in: boolean; out: boolean; lifecycle: boolean }
  kinds: Record<FilterKind, boolean>
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
  }
}

export function passesFilter(row: LogRow, filter: LogFilter): boolean {
  if (row.type === 'skipped') return true
  return filter.directions[directionOf(row)] && filter.kinds[filterKindOf(row)]
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

/**
 * The rows a filter lets through, as absolute row numbers, and which of them match the search:
 * kept up to date as rows arrive (only the new rows are tested) and rebuilt when the filter or
 * the search changes.
 */
export class LogView {
  /** Absolute numbers of the visible rows, in order. */
  readonly visible: number[] = []
  /** Positions in `visible` of the rows that match the search, in order. */
  readonly matches: number[] = []
  #tested = 0
  #filter: LogFilter
  #matcher: SearchMatcher

  constructor(filter: LogFilter, matcher: SearchMatcher) {
    this.#filter = filter
    this.#matcher = matcher
  }

  /** Tests the rows appended since the last update, and forgets rows the buffer let go. */
  update(buffer: RowAccess): void {
    if (this.#tested > buffer.total) this.#reset()
    const first = buffer.first
    let stale = 0
    while (stale < this.visible.length && this.visible[stale]! < first) stale++
    if (stale > 0) {
      this.visible.splice(0, stale)
      let staleMatches = 0
      while (staleMatches < this.matches.length && this.matches[staleMatches]! < stale)
        staleMatches++
      this.matches.splice(0, staleMatches)
      for (let i = 0; i < this.matches.length; i++) this.matches[i]! -= stale
    }
    for (let n = Math.max(this.#tested, first); n < buffer.total; n++) {
      const row = buffer.row(n)!
      if (!passesFilter(row, this.#filter)) continue
      if (this.#matcher && searchableText(row).some(this.#matcher))
        this.matches.push(this.visible.length)
      this.visible.push(n)
    }
    this.#tested = buffer.total
  }

  /** Rebuilds for another filter or search. */
  reset(filter: LogFilter, matcher: SearchMatcher, buffer: RowAccess): void {
    this.#filter = filter
    this.#matcher = matcher
    this.#reset()
    this.update(buffer)
  }

  #reset(): void {
    this.visible.length = 0
    this.matches.length = 0
    this.#tested = 0
  }
}
