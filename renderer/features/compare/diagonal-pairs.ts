import { pairEqual, withRoom, type ComparedLog, type IgnoreRules } from '#common/compare/index.ts'

/**
 * The n-th message of each side against the other's n-th, judged as both sides' messages arrive.
 * Aligned by position, a comparison pairs exactly these whatever comes later, so the compare
 * worker judges them while the logs are still being read instead of after (judging is most of a
 * comparison's time: it parses both sides' JSON).
 */
export class DiagonalPairs {
  /** Per n: 1 when the n-th pair is equal, 0 when not; `judged` of them so far. */
  #equal = new Uint8Array(1024)
  judged = 0

  /** Judges the pairs both sides now have. */
  advance(left: ComparedLog, right: ComparedLog, rules: IgnoreRules): void {
    const until = Math.min(left.length, right.length)
    this.#equal = withRoom(this.#equal, until, this.judged)
    for (let n = this.judged; n < until; n++)
      this.#equal[n] = pairEqual(left, n, right, n, rules) ? 1 : 0
    this.judged = Math.max(this.judged, until)
  }

  /** What was found of the pair (left, right), if it was judged. */
  readonly known = (left: number, right: number): boolean | undefined =>
    left === right && left < this.judged ? this.#equal[left] === 1 : undefined
}
