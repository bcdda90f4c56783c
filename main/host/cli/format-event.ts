import type { ConnectionEvent } from '#common/contract/index.ts'
import { connectingText, reconnectingText } from '#common/format/lifecycle-text.ts'

/** "12:03:04.567", local time, for the human output of `connect`. */
export function clockTime(ts: number): string {
  const date = new Date(ts)
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0')
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`
}

/**
 * One event as a line for people, like wscat: `<` received, `>` sent, `*` lifecycle, `!` error.
 * Multi-line data continues on indented lines.
 */
export function formatEvent(event: ConnectionEvent): string {
  const time = clockTime(event.ts)
  switch (event.type) {
    case 'connecting':
      return `${time} * ${connectingText(event.attempt, event.url)}`
    case 'open': {
      const { status, statusText, subprotocol, extensions, compression, durationMs } =
        event.handshake
      const details = [
        subprotocol && `subprotocol ${subprotocol}`,
        extensions && extensions,
        compression && `${compression}-compressed`,
        `${durationMs.toFixed(0)} ms`,
      ].filter(Boolean)
      return `${time} * open: ${status} ${statusText} (${details.join(', ')})`
    }
    case 'message': {
      const arrow = event.direction === 'in' ? '<' : '>'
      const body = event.data ?? `[${event.size} bytes, base64] ${event.base64 ?? ''}`
      const more = event.truncated ? ` … (${event.size} bytes in all)` : ''
      switch (event.kind) {
        case 'sse-event': {
          const label = `${event.event ?? 'message'}${event.id !== undefined ? `#${event.id}` : ''}`
          return `${time} ${arrow} [${label}] ${indentLines(body)}${more}`
        }
        case 'sse-comment':
          return `${time} ${arrow} : ${body}`
        case 'sse-retry':
          return `${time} ${arrow} retry: ${event.retry ?? ''} ms`
        case 'ping':
        case 'pong':
          return `${time} ${arrow} ${event.kind}${event.size > 0 ? ` ${body}` : ''}`
        case 'text':
        case 'binary':
          return `${time} ${arrow} ${indentLines(body)}${more}`
        default:
          return event.kind satisfies never
      }
    }
    case 'error':
      return `${time} ! ${event.code}: ${event.message}`
    case 'reconnecting':
      return `${time} * ${reconnectingText(event.attempt, event.delayMs, event.lastEventId)}`
    case 'close':
      return `${time} * closed${event.code !== null ? ` ${event.code}` : ''}${event.reason ? ` ${JSON.stringify(event.reason)}` : ''}${event.clean ? '' : ' (not clean)'}`
    default:
      return event satisfies never
  }
}

function indentLines(text: string): string {
  return text.replaceAll('\n', '\n               ')
}
