import { formatCount } from '#common/format/count.ts'
import { connectingText, reconnectingText } from '#common/format/lifecycle-text.ts'
import { revealInvisibles } from './invisible-chars.ts'
import type { LogRow } from './log-row.ts'

export type TimeFormat = 'absolute' | 'since-connect' | 'since-previous'

export const TIME_FORMATS: readonly { value: TimeFormat; label: string }[] = [
  { value: 'absolute', label: 'Clock time' },
  { value: 'since-connect', label: 'Since connect' },
  { value: 'since-previous', label: 'Since previous' },
]

const pad = (value: number, width = 2): string => String(value).padStart(width, '0')

/** 14:03:07.123 */
export function clockTime(ts: number): string {
  const date = new Date(ts)
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`
}

/** +0.5 ms, +12.3 ms, +1.234 s, +2:03.456 */
export function elapsed(ms: number): string {
  const sign = ms < 0 ? '−' : '+'
  const abs = Math.abs(ms)
  if (abs < 1000) return `${sign}${abs.toFixed(abs < 10 ? 2 : 1)} ms`
  if (abs < 60_000) return `${sign}${(abs / 1000).toFixed(3)} s`
  return `${sign}${Math.floor(abs / 60_000)}:${pad(Math.floor((abs % 60_000) / 1000))}.${pad(Math.floor(abs % 1000), 3)}`
}

/** The time column as the user chose to see it. */
export function formatRowTime(
  format: TimeFormat,
  ts: number,
  connectTs: number,
  previousTs: number | null,
): string {
  switch (format) {
    case 'absolute':
      return clockTime(ts)
    case 'since-connect':
      return elapsed(ts - connectTs)
    case 'since-previous':
      return previousTs === null ? '—' : elapsed(ts - previousTs)
    default:
      return format satisfies never
  }
}

/** 0 B, 64 B, 1.5 KiB, 2.25 MiB */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 2 : 1)} KiB`
  return `${(bytes / (1024 * 1024)).toFixed(2)} MiB`
}

/** The kind column: what the row is, in a word or two. */
export function kindLabel(row: LogRow): string {
  switch (row.type) {
    case 'message':
      switch (row.kind) {
        case 'text':
          return 'text'
        case 'binary':
          return 'binary'
        case 'sse-event':
          return row.event ?? 'message'
        case 'sse-comment':
          return 'comment'
        case 'sse-retry':
          return 'retry'
        case 'ping':
          return 'ping'
        case 'pong':
          return 'pong'
        default:
          return row.kind satisfies never
      }
    case 'connecting':
      return 'connecting'
    case 'open':
      return 'open'
    case 'error':
      return 'error'
    case 'reconnecting':
      return 'reconnecting'
    case 'close':
      return 'closed'
    case 'skipped':
      return 'skipped'
    case 'restarted':
      return 'restarted'
    default:
      return row satisfies never
  }
}

/** Characters of a preview at most: a wide window's worth (a list cuts it to what it shows). */
export const PREVIEW_CHARS = 300

/** The one-line preview of a row: its payload (newlines shown as ⏎) or what happened. */
export function rowPreview(row: LogRow, chars = PREVIEW_CHARS): string {
  switch (row.type) {
    case 'message': {
      if (row.kind === 'sse-retry') return `Reconnection time set to ${row.retry ?? '?'} ms`
      if (row.data !== undefined)
        return (
          oneLine(row.data, chars) ||
          (row.kind === 'ping' || row.kind === 'pong' ? '(no data)' : '(empty)')
        )
      return hexPreview(row.base64 ?? '')
    }
    case 'connecting':
      return connectingText(row.attempt, row.url)
    case 'open': {
      const { status, statusText, subprotocol, extensions, compression, durationMs } = row.handshake
      const details = [
        subprotocol && `subprotocol ${subprotocol}`,
        extensions,
        compression && `${compression} compressed`,
      ]
        .filter(Boolean)
        .join(', ')
      return `Open: ${status} ${statusText} in ${durationMs.toFixed(0)} ms${details ? ` (${details})` : ''}`
    }
    case 'error':
      // A refused handshake's whole answer (headers, body) is in the Handshake tab: say so first,
      // before the sentence runs off the row.
      return row.handshake
        ? `${row.code} (the whole answer is in the Handshake tab): ${row.message}`
        : `${row.code}: ${row.message}`
    case 'reconnecting':
      return reconnectingText(row.attempt, row.delayMs, row.lastEventId)
    case 'close':
      return `Closed${row.code !== null ? ` with ${row.code}` : ''}${row.reason ? `: ${row.reason}` : ''}${row.clean ? '' : ' (not clean)'}`
    case 'skipped':
      return `${formatCount(row.count)} messages skipped: the view fell behind (they were still counted)`
    case 'restarted':
      return `App restarted — ${formatCount(row.count)} ${row.count === 1 ? 'row' : 'rows'} before this point were kept; the connection ended with the app, and nothing was received while it was closed`
    default:
      return row satisfies never
  }
}

function oneLine(text: string, chars: number): string {
  const head = text.length > chars ? text.slice(0, chars) : text
  return revealInvisibles(head.replace(/\r\n|\r|\n/g, ' ⏎ '))
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

function hexPreview(base64: string): string {
  const bytes = base64ToBytes(base64.slice(0, 64))
  return Array.from(bytes.subarray(0, 32), (byte) => byte.toString(16).padStart(2, '0')).join(' ')
}

/** A hex dump: offset, 16 bytes in hex, and their printable ASCII, one line per 16 bytes. */
export function hexDump(bytes: Uint8Array, maxBytes = 64 * 1024): string {
  const lines: string[] = []
  const length = Math.min(bytes.length, maxBytes)
  for (let offset = 0; offset < length; offset += 16) {
    const chunk = bytes.subarray(offset, Math.min(offset + 16, length))
    const hex = Array.from(chunk, (byte) => byte.toString(16).padStart(2, '0')).join(' ')
    const ascii = Array.from(chunk, (byte) =>
      byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.',
    ).join('')
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`)
  }
  if (bytes.length > length) lines.push(`… ${bytes.length - length} more bytes`)
  return lines.join('\n')
}
