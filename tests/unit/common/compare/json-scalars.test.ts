import { describe, expect, it } from 'vitest'
import { isScalar, numbersDiffer } from '../../../../main/common/compare/json-scalars.ts'

const differ = (x: string, y: string) => {
  const encoder = new TextEncoder()
  // Amid other digits, as a log's block holds them: what lies around them must not count.
  const bytes = encoder.encode(`9${x}9${y}9`)
  return numbersDiffer(bytes, 1, 1 + x.length, bytes, 2 + x.length, 2 + x.length + y.length)
}

describe('numbersDiffer', () => {
  it('tells numbers apart as JSON.parse reads them', () => {
    expect(differ('1', '12')).toBe(true)
    expect(differ('1700000000012.3000002', '1700000000012.7000001')).toBe(true)
    expect(differ('-2.5', '2.5')).toBe(true)
    expect(differ('1.0', '1')).toBe(false)
    expect(differ('1e2', '100')).toBe(false)
    expect(differ('-0', '0')).toBe(false)
    expect(differ('9007199254740993', '9007199254740992')).toBe(false) // one double
    expect(differ('0.1000000000000000055511151231257827', '0.1')).toBe(false)
    expect(differ('1700000000012.30000000001', '1700000000012.30000000002')).toBe(false)
    expect(differ('1700000000012.39999999', '1700000000012.4')).toBe(false) // 15 digits 1 apart
    expect(differ('99.99999999999999999', '100')).toBe(false)
  })

  it('never calls different two texts of one double (seeded, near each other)', () => {
    let state = 3
    const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
    let told = 0
    for (let round = 0; round < 20_000; round++) {
      const base = Math.floor(next() * 1e6) * 10 ** Math.floor(next() * 12 - 4)
      const x = String(base + Math.floor(next() * 3) * 10 ** Math.floor(next() * 20 - 14))
      const y = next() < 0.2 ? base.toFixed(Math.floor(next() * 20)) : String(base)
      if (x === y) continue
      if (differ(x, y)) {
        told++
        expect(Number(x), `${x} ${y}`).not.toBe(Number(y))
      } else if (Number(x) === Number(y)) expect(differ(y, x), `${x} ${y}`).toBe(false)
    }
    expect(told).toBeGreaterThan(5_000)
  })
})

describe('isScalar', () => {
  const scalar = (text: string) => {
    // Amid other bytes, as a log's block holds it.
    const bytes = new TextEncoder().encode(`9${text}9`)
    return isScalar(bytes, 1, bytes.length - 1)
  }

  it('takes what the JSON grammar writes, and nothing else', () => {
    for (const valid of ['0', '-1.5e+10', '12', '"a\\"\\u00e9\\n"', '""', 'true', 'null'])
      expect(scalar(valid), valid).toBe(true)
    for (const invalid of ['01', '1.', '.5', '-', '1e', '"\\x"', '"\\u00g0"', '"a\tb"', 'nul'])
      expect(scalar(invalid), invalid).toBe(false)
  })
})
