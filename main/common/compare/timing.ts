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

/**
 * Room for the values a quantile is taken of, shared by every timing (each is done with it before
 * the next begins): a million gaps are 8 MB, and fresh memory costs about 4 ms a MiB to touch
 * here, so three timings of a comparison touch it once, and a later comparison not at all.
 */
let scratch = new Float64Array(0)

function scratchOf(length: number): Float64Array {
  if (scratch.length < length) scratch = new Float64Array(length)
  return scratch.subarray(0, length)
}

/** Rate and inter-arrival gaps of one side's messages. */
export function sideTiming(messages: ComparedLog): SideTiming {
  const count = messages.length
  const spanMs = count > 1 ? messages.tsAt(count - 1) - messages.tsAt(0) : 0
  const gaps = scratchOf(Math.max(0, count - 1))
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
  const values = scratchOf(count)
  const start = left.length > 0 ? left.tsAt(0) : 0
  // The series: per stretch of `stride` latencies in order, the largest and when it was.
  const series: [number, number][] = []
  const stride = Math.max(1, Math.ceil(count / SERIES_POINTS))
  let max = -Infinity
  for (let p = 0, v = 0; p < pairs.length; p++) {
    const l = pairs.left[p]!
    const r = pairs.right[p]!
    if (l < 0 || r < 0) continue
    const ts = left.tsAt(l)
    const latency = right.tsAt(r) - ts
    if (v % stride === 0) series.push([ts - start, latency])
    else if (latency > series[series.length - 1]![1])
      series[series.length - 1] = [ts - start, latency]
    values[v++] = latency
    if (latency > max) max = latency
  }
  return { pairs: count, ...quantiles(values), max, series }
}
