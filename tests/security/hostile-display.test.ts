import { describe, expect, it } from 'vitest'
import type { MessageEvent } from '#common/contract/index.ts'
import { exportLog } from '../../renderer/features/message-log/export-log.ts'
import { detailOf } from '../../renderer/features/message-log/message-detail.ts'
import { rowPreview } from '../../renderer/features/message-log/row-format.ts'

/** Payloads that try to make the log show something other than what arrived. */
const message = (data: string): MessageEvent => ({
  type: 'message',
  seq: 1,
  ts: 0,
  direction: 'in',
  kind: 'text',
  size: data.length,
  data,
})

describe('invisible and direction-changing characters in the log', () => {
  it.each([
    ['a right-to-left override', 'invoice_\u202egpj.exe', 'invoice_⟨U+202E⟩gpj.exe'],
    ['a right-to-left isolate', 'a\u2067b', 'a⟨U+2067⟩b'],
    ['NUL', 'before\u0000after', 'before⟨U+0000⟩after'],
    ['a zero-width space', 'pay\u200bpal', 'pay⟨U+200B⟩pal'],
    ['an escape sequence', '\u001b[2J', '⟨U+001B⟩[2J'],
  ])('shows %s in the row visibly', (_case, data, shown) => {
    expect(rowPreview(message(data))).toBe(shown)
  })

  it('keeps the true text for copying and exporting', async () => {
    const row = message('invoice_\u202egpj.exe')
    expect(detailOf(row).text).toBe('invoice_\u202egpj.exe')
    expect(await exportLog([row], 'ndjson').text()).toContain('invoice_\u202egpj.exe')
  })

  it('shows markup as text: a row is never HTML', () => {
    expect(rowPreview(message('<img src=x onerror=alert(1)>'))).toBe('<img src=x onerror=alert(1)>')
  })
})
