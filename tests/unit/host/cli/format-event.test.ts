import { describe, expect, it } from 'vitest'
import { formatEvent } from '../../../../main/host/cli/format-event.ts'

const ts = new Date(2026, 0, 2, 3, 4, 5, 6).getTime()

describe('formatEvent', () => {
  it('marks received, sent, lifecycle and errors like wscat', () => {
    expect(
      formatEvent({
        type: 'message',
        seq: 1,
        ts,
        direction: 'in',
        kind: 'text',
        size: 2,
        data: 'hi',
      }),
    ).toBe('03:04:05.006 < hi')
    expect(
      formatEvent({
        type: 'message',
        seq: 2,
        ts,
        direction: 'out',
        kind: 'binary',
        size: 2,
        base64: 'AAE=',
      }),
    ).toBe('03:04:05.006 > [2 bytes, base64] AAE=')
    expect(formatEvent({ type: 'error', seq: 3, ts, code: 'TIMEOUT', message: 'late' })).toBe(
      '03:04:05.006 ! TIMEOUT: late',
    )
    expect(formatEvent({ type: 'close', seq: 4, ts, code: 1006, reason: '', clean: false })).toBe(
      '03:04:05.006 * closed 1006 (not clean)',
    )
  })

  it('labels SSE events with their type and id, and indents multi-line data', () => {
    expect(
      formatEvent({
        type: 'message',
        seq: 1,
        ts,
        direction: 'in',
        kind: 'sse-event',
        size: 3,
        data: 'a\nb',
        event: 'tick',
        id: '7',
      }),
    ).toBe('03:04:05.006 < [tick#7] a\n               b')
  })

  it('shows reconnects with their delay and Last-Event-ID', () => {
    expect(
      formatEvent({
        type: 'reconnecting',
        seq: 1,
        ts,
        attempt: 2,
        delayMs: 3000,
        lastEventId: '9',
      }),
    ).toBe('03:04:05.006 * Reconnect 2 in 3000 ms, with Last-Event-ID 9')
  })
})
