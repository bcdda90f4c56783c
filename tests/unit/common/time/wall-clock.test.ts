import { describe, expect, it } from 'vitest'
import { createWallClock } from '../../../../main/common/time/wall-clock.ts'

/** A monotonic clock and a wall clock moved by hand; the wall clock reads whole milliseconds. */
function sources(startWall = 1_700_000_000_000) {
  const time = { monotonic: 5_000, wall: startWall }
  return {
    time,
    sources: { monotonicMs: () => time.monotonic, epochMs: () => Math.floor(time.wall) },
    /** Both clocks on by `ms`. */
    pass: (ms: number): void => {
      time.monotonic += ms
      time.wall += ms
    },
  }
}

describe('createWallClock', () => {
  it('reads the wall clock with the monotonic clock’s precision', () => {
    const { sources: from, pass } = sources()
    const now = createWallClock(from)
    const start = now()
    expect(Math.abs(start - 1_700_000_000_000)).toBeLessThanOrEqual(1)
    pass(0.25)
    expect(now() - start).toBeCloseTo(0.25, 6)
    pass(1000.125)
    expect(now() - start).toBeCloseTo(1000.375, 6)
  })

  it('follows the wall clock when it steps, once it looks again', () => {
    const { time, sources: from, pass } = sources()
    const now = createWallClock(from)
    pass(200)
    const before = now()
    // The machine slept for an hour: the monotonic clock stood still.
    time.wall += 3_600_000
    pass(100)
    expect(now() - before).toBeGreaterThan(3_600_098)
    expect(now() - before).toBeLessThan(3_600_102)
    // A step back, as a host correcting its guest's clock does.
    time.wall -= 100
    pass(100)
    expect(Math.abs(now() - time.wall)).toBeLessThanOrEqual(1.5)
  })

  it('keeps its sub-millisecond steps while the clocks agree', () => {
    const { sources: from, pass } = sources(1_700_000_000_000.75)
    const now = createWallClock(from)
    const times: number[] = []
    for (let i = 0; i < 2000; i++) {
      pass(0.37)
      times.push(now())
    }
    const steps = times.slice(1).map((t, i) => t - times[i]!)
    expect(Math.min(...steps)).toBeCloseTo(0.37, 3)
    expect(Math.max(...steps)).toBeCloseTo(0.37, 3)
  })
})
