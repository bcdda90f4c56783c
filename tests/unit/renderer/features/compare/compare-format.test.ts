import { describe, expect, it } from 'vitest'
import { relativeTime } from '../../../../../renderer/features/compare/compare-format.ts'

describe('relativeTime', () => {
  it('reads in ms, then seconds, then minutes', () => {
    expect(relativeTime(0)).toBe('+0.0 ms')
    expect(relativeTime(12.34)).toBe('+12.3 ms')
    expect(relativeTime(1234.6)).toBe('+1.235 s')
    expect(relativeTime(125_000)).toBe('+2:05')
  })

  it('says − for a message stamped before the first, and +0.0 for what rounds to it', () => {
    expect(relativeTime(-39.9)).toBe('−39.9 ms')
    expect(relativeTime(-2500)).toBe('−2.500 s')
    expect(relativeTime(-125_000)).toBe('−2:05')
    expect(relativeTime(-0.01)).toBe('+0.0 ms')
  })
})
