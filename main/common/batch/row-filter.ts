/**
 * The log view's filter, decided once for a row however it is read: from the page's buffer
 * (renderer log-view.ts) or from a journal's batches in the host (journal-search.ts).
 */
export interface RowFilter {
  /** Directions shown: in, out, lifecycle. */
  directions: Readonly<Record<string, boolean>>
  /** Filter kinds shown: text, binary, sse-event, sse-comment, sse-retry, ping-pong, lifecycle. */
  kinds: Readonly<Record<string, boolean>>
  /** SSE events of these types only (empty: every type). */
  eventTypes: readonly string[]
  /** Closes with these codes only (empty: every close). */
  closeCodes: readonly number[]
}

/** What the filter reads of a row. */
export interface FilteredRow {
  direction: 'in' | 'out' | 'lifecycle'
  /** Its filter kind (ping and pong are one). */
  kind: string
  /** A close row's code (null: none was sent); undefined for other rows. */
  closeCode?: number | null
  /** An SSE event row's type, read only when the filter asks for types. */
  eventType?: () => string
}

/** Whether `row` passes: by direction and kind, then an SSE event by its type, a close by its code. */
export function passesRowFilter(filter: RowFilter, row: FilteredRow): boolean {
  if (row.closeCode !== undefined && filter.closeCodes.length > 0)
    return filter.kinds.lifecycle === true && filter.closeCodes.includes(row.closeCode ?? 1005)
  if (!filter.directions[row.direction] || !filter.kinds[row.kind]) return false
  if (row.kind !== 'sse-event' || filter.eventTypes.length === 0) return true
  return filter.eventTypes.includes(row.eventType?.() ?? 'message')
}
