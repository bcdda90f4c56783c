import { describe, expect, it } from 'vitest'
import {
  elapsed,
  formatRowTime,
  formatSize,
  hexDump,
  kindLabel,
  rowPreview,
} from '../../../../../renderer/features/message-log/row-format.ts'

describe('formatRowTime', () => {
  it('shows clock time, time since connect, or time since the previous row', () => {
    const ts = new Date(2026, 0, 1, 9, 8, 7, 6).getTime()
    expect(formatRowTime('absolute', ts, 0, null)).toBe('09:08:07.006')
    expect(formatRowTime('since-connect', ts, ts - 1234.5, null)).toBe('+1.234 s')
    expect(formatRowTime('since-previous', ts, 0, ts - 2.5)).toBe('+2.50 ms')
    expect(formatRowTime('since-previous', ts, 0, null)).toBe('—')
  })
})

describe('elapsed', () => {
  it('picks a unit that reads well', () => {
    expect([elapsed(0.25), elapsed(12.34), elapsed(5000), elapsed(125_500)]).toEqual([
      '+0.25 ms',
      '+12.3 ms',
      '+5.000 s',
      '+2:05.500',
    ])
  })
})

describe('formatSize', () => {
  it('uses binary units', () => {
    expect([
      formatSize(64),
      formatSize(1536),
      formatSize(20 * 1024),
      formatSize(3 * 1024 * 1024),
    ]).toEqual(['64 B', '1.50 KiB', '20.0 KiB', '3.00 MiB'])
  })
})

describe('rowPreview and kindLabel', () => {
  it('shows a payload on one line, binary as hex, lifecycle as a sentence', () => {
    const base = { seq: 1, ts: 1, direction: 'in', size: 3 } as const
    expect(rowPreview({ type: 'message', ...base, kind: 'text', data: 'a\nb' })).toBe('a ⏎ b')
    expect(rowPreview({ type: 'message', ...base, kind: 'binary', base64: 'AAH/' })).toBe(
      '00 01 ff',
    )
    expect(
      kindLabel({ type: 'message', ...base, kind: 'sse-event', data: 'x', event: 'tick' }),
    ).toBe('tick')
    expect(
      rowPreview({ type: 'close', seq: 2, ts: 2, code: 4000, reason: 'bye', clean: true }),
    ).toBe('Closed with 4000: bye')
    expect(rowPreview({ type: 'skipped', ts: 1, count: 1500 })).toContain('1,500 messages skipped')
  })
})

describe('hexDump', () => {
  it('prints offset, hex and printable ASCII, 16 bytes a line', () => {
    const bytes = new TextEncoder().encode('Hello, realtime world!')
    expect(hexDump(bytes)).toBe(
      '00000000  48 65 6c 6c 6f 2c 20 72 65 61 6c 74 69 6d 65 20  Hello, realtime \n' +
        `00000010  ${'77 6f 72 6c 64 21'.padEnd(47)}  world!`,
    )
  })
})
