import { createWallClock } from '#common/time/wall-clock.ts'

/** Wall-clock milliseconds with sub-millisecond precision (see createWallClock). */
export const preciseNow = createWallClock({
  monotonicMs: () => performance.now(),
  epochMs: Date.now,
})
