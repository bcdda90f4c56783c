import type { AlignedPairs, ComparedMessage, LatencyTiming, SideTiming } from './compare-types.ts'

/** The value at quantile `q` (0–1) of sorted `values` (nearest rank). */
function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
}

/** Rate and inter-arrival gaps of one side's messages. */
export function sideTiming(messages: readonly ComparedMessage[]): SideTiming {
  const count = messages.length
  const spanMs = count > 1 ? messages[count - 1]!.ts - messages[0]!.ts : 0
  const gaps = new Float64Array(Math.max(0, count - 1))
  let maxGap = 0
  let maxGapAt: number | null = null
  for (let i = 1; i < count; i++) {
    const gap = messages[i]!.ts - messages[i - 1]!.ts
    gaps[i - 1] = gap
    if (gap > maxGap || maxGapAt === null) {
      maxGap = gap
      maxGapAt = i
    }
  }
  gaps.sort()
  return {
    messages: count,
    rate: spanMs > 0 ? ((count - 1) * 1000) / spanMs : 0,
    spanMs,
    gapP50: quantile(gaps, 0.5),
    gapP95: quantile(gaps, 0.95),
    gapP99: quantile(gaps, 0.99),
    maxGap,
    maxGapAt,
  }
}

const SERIES_POINTS = 400

/**
 * How far the right side's message arrived behind its left partner, over the pairs with both:
 * the quantiles, and a series thinned to a few hundred points (each the largest of its stretch,
 * so a spike is never thinned away).
 */
export function latencyTiming(
  pairs: AlignedPairs,
  left: readonly ComparedMessage[],
  right: readonly ComparedMessage[],
): LatencyTiming | null {
  const values: number[] = []
  const at: number[] = []
  const start = left[0]?.ts ?? 0
  for (let p = 0; p < pairs.length; p++) {
    const l = pairs.left[p]!
    const r = pairs.right[p]!
    if (l < 0 || r < 0) continue
    values.push(right[r]!.ts - left[l]!.ts)
    at.push(left[l]!.ts - start)
  }
  if (values.length === 0) return null
  const sorted = Float64Array.from(values).sort()
  const series: [number, number][] = []
  const stride = Math.max(1, Math.ceil(values.length / SERIES_POINTS))
  for (let k = 0; k < values.length; k += stride) {
    let worst = k
    for (let m = k + 1; m < Math.min(values.length, k + stride); m++) {
      if (values[m]! > values[worst]!) worst = m
    }
    series.push([at[worst]!, values[worst]!])
  }
  return {
    pairs: values.length,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    max: sorted[sorted.length - 1]!,
    series,
  }
}
