/** Time as the connection code sees it, passed in so tests and benchmarks control it. */
export interface Clock {
  /** Epoch milliseconds with sub-millisecond precision: when bytes arrived. */
  now(): number
  /** Milliseconds on a monotonic clock, for durations. */
  monotonicMs(): number
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const systemClock: Clock = {
  now: () => performance.timeOrigin + performance.now(),
  monotonicMs: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
}
