import type { ConnectionEvent } from '#common/contract/index.ts'

/** A marker the view inserts where the app skipped message rows because the view fell behind. */
export interface SkippedRow {
  type: 'skipped'
  ts: number
  count: number
}

/**
 * A marker where the app restarted while the connection was live: the `count` rows before it came
 * back from the journal, and nothing was received between.
 */
export interface RestartedRow {
  type: 'restarted'
  ts: number
  count: number
}

/** Rows the view adds, which are not the connection's events (they have no seq). */
export type MarkerRow = SkippedRow | RestartedRow

/** What the live log holds: the connection's events, plus the view's markers. */
export type LogRow = ConnectionEvent | MarkerRow

export function isMarker(row: LogRow): row is MarkerRow {
  return row.type === 'skipped' || row.type === 'restarted'
}

/** The row's direction for filtering and its arrow: messages are in or out, the rest lifecycle. */
export function directionOf(row: LogRow): 'in' | 'out' | 'lifecycle' {
  return row.type === 'message' ? row.direction : 'lifecycle'
}

/** The filterable kinds: the message kinds, ping and pong together, and lifecycle. */
export type FilterKind =
  'text' | 'binary' | 'sse-event' | 'sse-comment' | 'sse-retry' | 'ping-pong' | 'lifecycle'

export const FILTER_KINDS: readonly { kind: FilterKind; label: string }[] = [
  { kind: 'text', label: 'Text' },
  { kind: 'binary', label: 'Binary' },
  { kind: 'sse-event', label: 'Events' },
  { kind: 'sse-comment', label: 'Comments' },
  { kind: 'sse-retry', label: 'Retry' },
  { kind: 'ping-pong', label: 'Ping/Pong' },
  { kind: 'lifecycle', label: 'Lifecycle' },
]

export function filterKindOf(row: LogRow): FilterKind {
  if (row.type !== 'message') return 'lifecycle'
  return row.kind === 'ping' || row.kind === 'pong' ? 'ping-pong' : row.kind
}
