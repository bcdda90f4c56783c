/**
 * How far this process's `performance.timeOrigin + performance.now()` is from the wall clock now,
 * in ms, to a few hundredths: read just as `Date.now()` turns to its next millisecond, five
 * times. The time origin is anchored once, when the process (or page) starts, and the wall
 * clock moves apart from it (sleep, corrections: on these virtual machines the host steps it
 * by 100 ms every 20 s or so), so two processes' stamps compare only once the difference of
 * their offsets, taken together, is taken out. Self-contained: a page runs it as it is.
 */
export function clockOffsetMs(): number {
  let sum = 0
  for (let i = 0; i < 5; i++) {
    const from = Date.now()
    let wall: number
    do wall = Date.now()
    while (wall === from)
    sum += performance.timeOrigin + performance.now() - wall
  }
  return sum / 5
}
