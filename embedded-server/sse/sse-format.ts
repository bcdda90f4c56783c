export interface SseEvent {
  event?: string
  id?: string
  data: string
  retry?: number
}

/** One event in the plain wire format (WHATWG HTML §9.2.5), LF line ends. */
export function formatSseEvent({ event, id, data, retry }: SseEvent): string {
  let text = ''
  if (event !== undefined) text += `event: ${event}\n`
  if (id !== undefined) text += `id: ${id}\n`
  if (retry !== undefined) text += `retry: ${retry}\n`
  for (const line of data.split('\n')) text += `data: ${line}\n`
  return `${text}\n`
}

export function formatSseComment(comment: string): string {
  return `: ${comment}\n\n`
}

export interface SseFormatter {
  /** Bytes to send before anything else. */
  preamble(): string
  event(event: SseEvent): string
  comment(comment: string): string
}

export const plainSseFormatter: SseFormatter = {
  preamble: () => '',
  event: formatSseEvent,
  comment: formatSseComment,
}

const LINE_ENDS = ['\n', '\r', '\r\n'] as const

/**
 * Valid but tricky framing (`tricky=1`): a BOM, line ends rotating through LF, CR and CRLF,
 * comments, unknown fields, `data:` with and without a space, and after each real id an id
 * containing NUL, which the spec says to ignore. A correct parser sees exactly the plain events.
 */
export function createTrickySseFormatter(): SseFormatter {
  let lineCount = 0
  let lastEnd = ''

  function lines(fieldLines: string[]): string {
    let text = ''
    for (const line of fieldLines) {
      let end: string = LINE_ENDS[lineCount++ % LINE_ENDS.length]!
      // A CR followed by an LF that ends an empty line would read as one CRLF: the blank line
      // that dispatches the event would vanish. Use CR again there.
      if (line === '' && lastEnd === '\r' && end === '\n') end = '\r'
      text += line + end
      lastEnd = end
    }
    return text
  }

  return {
    preamble: () =>
      '\uFEFF' +
      lines([
        ': tricky=1: every event below is valid per the spec, however it looks',
        'retry: soon',
        '',
        'event: tricky',
        'data: first line',
        'data:',
        'data:third line, after an empty one',
        '',
      ]),
    event({ event, id, data, retry }) {
      const fieldLines = [': a comment before the event', 'x-unknown-field: must be ignored']
      if (event !== undefined) fieldLines.push(`event:${event}`)
      if (retry !== undefined) fieldLines.push(`retry: ${retry}`)
      data
        .split('\n')
        .forEach((line, index) => fieldLines.push(index % 2 ? `data:${line}` : `data: ${line}`))
      if (id !== undefined) fieldLines.push(`id: ${id}`, `id: ${id}\u0000ignored`)
      fieldLines.push('no-colon-line', '')
      return lines(fieldLines)
    },
    comment: (comment) => lines([`: ${comment}`, '']),
  }
}
