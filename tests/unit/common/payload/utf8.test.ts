import { describe, expect, it } from 'vitest'
import { encodeUtf8Into } from '#common/payload/utf8.ts'

/** What the script encoder writes, as an array, for comparing with TextEncoder's. */
function scripted(text: string): number[] {
  const target = new Uint8Array(text.length * 3)
  return [...target.subarray(0, encodeUtf8Into(text, target))]
}

describe('encodeUtf8Into', () => {
  it.each([
    ['empty', ''],
    ['ASCII', '{"seq":1,"price":101.25}'],
    ['two-byte', 'café ñ ß'],
    ['three-byte', '€ 日本語 \uffff'],
    ['a surrogate pair', 'a😀b𝄞'],
    ['a lone high surrogate', 'a\ud83db'],
    ['a lone low surrogate', 'a\ude00b'],
    ['a high surrogate at the end', 'ab\ud83d'],
    ['control characters', '\u0000\u0001\u007f\u0080'],
  ])('writes %s as TextEncoder does', (_name, text) => {
    expect(scripted(text)).toEqual([...new TextEncoder().encode(text)])
  })

  it('agrees with TextEncoder on every UTF-16 unit', () => {
    const units = Array.from({ length: 0x10000 }, (_, code) => String.fromCharCode(code))
    for (let start = 0; start < units.length; start += 256) {
      const text = units.slice(start, start + 256).join('')
      expect(scripted(text)).toEqual([...new TextEncoder().encode(text)])
    }
  })

  it('writes long text too, and returns how many bytes it wrote', () => {
    const text = 'é'.repeat(400) + '日'.repeat(400)
    const target = new Uint8Array(text.length * 3 + 10).fill(7)
    const written = encodeUtf8Into(text, target)
    expect(written).toBe(400 * 2 + 400 * 3)
    expect([...target.subarray(0, written)]).toEqual([...new TextEncoder().encode(text)])
    expect(target[written]).toBe(7)
  })
})
