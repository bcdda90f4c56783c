import type { LogRow } from '../../renderer/features/message-log/log-row.ts'

/** A received text message row numbered `seq`, its payload the number itself. */
export function textRow(seq: number): LogRow {
  return {
    type: 'message',
    seq,
    ts: seq,
    direction: 'in',
    kind: 'text',
    size: 1,
    data: String(seq),
  }
}
