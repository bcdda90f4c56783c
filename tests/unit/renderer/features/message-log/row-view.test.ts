import { describe, expect, it } from 'vitest'
import { compileHighlighter } from '../../../../../renderer/features/message-log/log-view.ts'
import { rowView } from '../../../../../renderer/features/message-log/row-view.ts'

const message = {
  type: 'message',
  seq: 3,
  ts: 1,
  direction: 'in',
  kind: 'text',
  size: 1536,
  data: '{"price": 101, "sym": "ACME"}',
} as const

describe('rowView', () => {
  it('shows a message: its arrow, kind, size and preview', () => {
    expect(rowView(message, null)).toEqual({
      direction: 'in',
      arrow: '↓',
      arrowLabel: 'received',
      tone: 'normal',
      kind: 'text',
      size: '1.50 KiB',
      parts: [{ text: message.data, hit: false }],
    })
  })

  it('cuts the preview where the search found itself', () => {
    const view = rowView(message, compileHighlighter('acme', false))
    expect(view.parts).toEqual([
      { text: '{"price": 101, "sym": "', hit: false },
      { text: 'ACME', hit: true },
      { text: '"}', hit: false },
    ])
  })

  it.each([
    [{ type: 'close', seq: 9, ts: 2, code: 1006, reason: '', clean: false }, 'danger'],
    [{ type: 'close', seq: 9, ts: 2, code: 1000, reason: '', clean: true }, 'muted'],
    [{ type: 'skipped', ts: 2, count: 5 }, 'warn'],
    [{ ...message, kind: 'sse-comment' }, 'muted'],
    [{ type: 'connecting', seq: 1, ts: 0, attempt: 1, url: 'ws://h' }, 'lifecycle'],
  ] as const)('gives %j the tone %s', (row, tone) => {
    const view = rowView(row, null)
    expect(view.tone).toBe(tone)
    if (row.type !== 'message')
      expect([view.arrow, view.arrowLabel, view.size]).toEqual(['•', 'event', ''])
  })
})
