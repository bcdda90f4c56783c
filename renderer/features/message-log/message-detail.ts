import type { StoredMessage } from '#common/contract/index.ts'
import type { LogRow } from './log-row.ts'
import { base64ToBytes, hexDump } from './row-format.ts'

export type DetailView = 'tree' | 'raw' | 'hex'

/** What the detail pane can show of a row: the views that make sense and their content. */
export interface MessageDetail {
  text: string | null
  bytes: Uint8Array | null
  json: { ok: true; value: unknown } | { ok: false }
  views: DetailView[]
}

/** The detail of a message row, whole when `full` (from getMessage) is given. */
export function detailOf(row: LogRow, full?: StoredMessage | null): MessageDetail {
  if (row.type !== 'message') {
    return {
      text: JSON.stringify(row, null, 2),
      bytes: null,
      json: { ok: true, value: row },
      views: ['tree', 'raw'],
    }
  }
  const data = full?.data ?? row.data
  const base64 = full?.base64 ?? row.base64
  const bytes =
    base64 !== undefined
      ? base64ToBytes(base64)
      : data !== undefined
        ? new TextEncoder().encode(data)
        : null
  let json: MessageDetail['json'] = { ok: false }
  if (data !== undefined && /^\s*[[{"\d-tfn]/.test(data)) {
    try {
      json = { ok: true, value: JSON.parse(data) as unknown }
    } catch {
      json = { ok: false }
    }
  }
  const views: DetailView[] = []
  if (json.ok) views.push('tree')
  if (data !== undefined) views.push('raw')
  if (bytes !== null) views.push('hex')
  return { text: data ?? null, bytes, json, views }
}

export { hexDump }

/** The bytes as hex, two digits a byte, space-separated. */
export function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(' ')
}

/** A file name for saving a message: by its sequence number, with the extension its content suggests. */
export function messageFileName(row: LogRow, detail: MessageDetail): string {
  const seq = row.type === 'message' ? row.seq : 0
  const extension = detail.json.ok ? 'json' : detail.text !== null ? 'txt' : 'bin'
  return `message-${seq}.${extension}`
}
