import { describe, expect, it } from 'vitest'
import { formatCount } from '#common/format/count.ts'

describe('formatCount', () => {
  it('groups thousands the same way everywhere, whatever the machine’s locale', () => {
    expect(formatCount(0)).toBe('0')
    expect(formatCount(999)).toBe('999')
    expect(formatCount(1_234_567)).toBe('1,234,567')
    expect(formatCount(-2500)).toBe('-2,500')
    expect(formatCount(1234.6)).toBe('1,235') // a count: no fraction
  })
})
