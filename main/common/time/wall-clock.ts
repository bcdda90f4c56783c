/** Where a wall clock reads its time from. */
export interface TimeSources {
  /** A monotonic clock in milliseconds, sub-millisecond (`performance.now`). */
  monotonicMs(): number
  /** The system's wall clock in whole epoch milliseconds (`Date.now`). */
  epochMs(): number
}

/** How often the wall clock is looked at again: once per this much monotonic time, at most. */
const RECHECK_MS = 100

/**
 * Epoch milliseconds with sub-millisecond precision that follow the system's wall clock: the
 * monotonic clock's precision, anchored to the wall clock again whenever the two part by more
 * than a millisecond. `performance.timeOrigin + performance.now()` is anchored once, when the
 * process starts, and the monotonic clock stops while the machine sleeps and ignores the wall
 * clock's corrections: after a night asleep a message's time was hours behind, and on a virtual
 * machine whose clock the host steps (100 ms each 20 s, measured) seconds behind within the hour.
 */
export function createWallClock(sources: TimeSources): () => number {
  let base = sources.epochMs() + 0.5 - sources.monotonicMs()
  let checkedAt = sources.monotonicMs()
  return () => {
    const monotonic = sources.monotonicMs()
    if (monotonic - checkedAt >= RECHECK_MS) {
      checkedAt = monotonic
      // The wall clock reads the whole millisecond the true time is in: [wall, wall + 1).
      const wall = sources.epochMs()
      const now = base + monotonic
      if (now < wall - 1 || now > wall + 2) base = wall + 0.5 - monotonic
    }
    return base + monotonic
  }
}

/** This process's wall clock (see createWallClock), for the connections and the demo server. */
export const systemWallClock = createWallClock({
  monotonicMs: () => performance.now(),
  epochMs: Date.now,
})
