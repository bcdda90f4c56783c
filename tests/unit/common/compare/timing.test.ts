import { describe, expect, it } from 'vitest'
import { logOfMessages, quantiles, sideTiming } from '#common/compare/index.ts'
import { text } from './messages.ts'

/** Quantiles read off a sorted copy, nearest rank: what `quantiles` selects without sorting. */
function sortedQuantiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) }
}

describe('quantiles', () => {
  it('selects what a sort would read, with repeats, runs and a few outliers', () => {
    let seed = 7
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647
    const cases = [
      [5],
      [3, 1, 2],
      Array.from({ length: 1000 }, () => Math.floor(random() * 5)),
      Array.from({ length: 10_001 }, () => random() * 100),
      Array.from({ length: 5000 }, (_, i) => i),
      Array.from({ length: 5000 }, (_, i) => 5000 - i),
      Array.from({ length: 2000 }, (_, i) => (i % 97 === 0 ? 1e6 : 0.1)),
    ]
    for (const values of cases)
      expect(quantiles(Float64Array.from(values))).toEqual(sortedQuantiles(values))
  })

  it('is zero for no values', () => {
    expect(quantiles(new Float64Array(0))).toEqual({ p50: 0, p95: 0, p99: 0 })
  })
})

describe('sideTiming', () => {
  it('finds the largest gap and the gaps’ quantiles from arrival times alone', () => {
    const times = [0, 10, 20, 30, 530, 540]
    const timing = sideTiming(logOfMessages(times.map((ts, i) => text('x', i + 1, ts))))
    expect(timing).toMatchObject({ messages: 6, spanMs: 540, maxGap: 500, maxGapAt: 4 })
    expect(timing.gapP50).toBe(10)
    expect(timing.gapP99).toBe(500)
    expect(timing.rate).toBeCloseTo((5 * 1000) / 540)
  })
})
