import type { AlignedPairs, ComparedLog, LatencyTiming, SideTiming } from './compare-types.ts'

/**
 * The values at quantiles p50, p95 and p99 of `values` (nearest rank), which it reorders. Each is
 * selected, not sorted for: three selections cost a few passes over a million gaps where a sort
 * cost a tenth of a second each. Selected from the highest down, each leaves everything below its
 * rank below it, so the next looks only there.
 */
export function quantiles(values: Float64Array): { p50: number; p95: number; p99: number } {
  const n = values.length
  const rank = (q: number) => Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))
  if (n === 0) return { p50: 0, p95: 0, p99: 0 }
  const p99 = select(values, n - 1, rank(0.99))
  const p95 = select(values, rank(0.99), rank(0.95))
  const p50 = select(values, rank(0.95), rank(0.5))
  return { p50, p95, p99 }
}

/**
 * Moves the k-th smallest of `a[0..right]` to `a[k]`, the smaller before it and the larger after
 * (Hoare's selection, pivoting on the value at k: equal values split evenly), and returns it.
 */
function select(a: Float64Array, right: number, k: number): number {
  let low = 0
  let high = right
  while (low < high) {
    const pivot = a[k]!
    let i = low
    let j = high
    do {
      while (a[i]! < pivot) i++
      while (pivot < a[j]!) j--
      if (i <= j) {
        const swap = a[i]!
        a[i++] = a[j]!
        a[j--] = swap
      }
    } while (i <= j)
    if (j < k) low = i
    if (k < i) high = j
  }
  return a[k]!
}

/** Rate and inter-arrival gaps of one side's messages. */
export function sideTiming(messages: ComparedLog): SideTiming {
  const count = messages.length
  const spanMs = count > 1 ? messages.tsAt(count - 1) - messages.tsAt(0) : 0
  const gaps = new Float64Array(Math.max(0, count - 1))
  let maxGap = 0
  let maxGapAt: number | null = null
  let previous = count > 0 ? messages.tsAt(0) : 0
  for (let i = 1; i < count; i++) {
    const ts = messages.tsAt(i)
    const gap = ts - previous
    previous = ts
    gaps[i - 1] = gap
    if (gap > maxGap || maxGapAt === null) {
      maxGap = gap
      maxGapAt = i
    }
  }
  const { p50, p95, p99 } = quantiles(gaps)
  return {
    messages: count,
    rate: spanMs > 0 ? ((count - 1) * 1000) / spanMs : 0,
    spanMs,
    gapP50: p50,
    gapP95: p95,
    gapP99: p99,
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
  left: ComparedLog,
  right: ComparedLog,
): LatencyTiming | null {
  let count = 0
  for (let p = 0; p < pairs.length; p++) if (pairs.left[p]! >= 0 && pairs.right[p]! >= 0) count++
  if (count === 0) return null
  const values = new Float64Array(count)
  const at = new Float64Array(count)
  const start = left.length > 0 ? left.tsAt(0) : 0
  let max = -Infinity
  for (let p = 0, v = 0; p < pairs.length; p++) {
    const l = pairs.left[p]!
    const r = pairs.right[p]!
    if (l < 0 || r < 0) continue
    const ts = left.tsAt(l)
    const latency = right.tsAt(r) - ts
    values[v] = latency
    at[v++] = ts - start
    if (latency > max) max = latency
  }
  // The series reads the latencies in order, before the quantiles reorder them.
  const series: [number, number][] = []
  const stride = Math.max(1, Math.ceil(values.length / SERIES_POINTS))
  for (let k = 0; k < values.length; k += stride) {
    let worst = k
    for (let m = k + 1; m < Math.min(values.length, k + stride); m++) {
      if (values[m]! > values[worst]!) worst = m
    }
    series.push([at[worst]!, values[worst]!])
  }
  return { pairs: count, ...quantiles(values), max, series }
}
