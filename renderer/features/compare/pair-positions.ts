/**
 * Which pairs the compare view lists, and where the next difference is, read off the pairs'
 * status column (0: equal), as lists of pair numbers by position (the message log's RowList).
 */
import { RowIndex, RowRange, type RowList } from '../message-log/row-index.ts'

/**
 * Every pair, in order: position p shows pair p. No array: a million pairs' was 4 MB of fresh
 * memory, filled on the page's main thread as the result came in (35 ms in a profile).
 */
export function allPositions(length: number): RowList {
  return new RowRange(0, length)
}

/**
 * The positions of the pairs that are not equal, in order. A million pairs take a few
 * milliseconds here; built with `Int32Array.from` and a mapping function, or pushed into an
 * array, they took tens.
 */
export function differingPositions(status: Uint8Array, length: number): RowList {
  let count = 0
  for (let p = 0; p < length; p++) if (status[p] !== 0) count++
  const positions = new Int32Array(count)
  for (let p = 0, at = 0; at < count; p++) if (status[p] !== 0) positions[at++] = p
  return new RowIndex(positions)
}

/**
 * The next pair after `from` (or before it, going back) that is not equal, wrapping around the
 * ends; null when every pair is equal. `from` may be −1 or `length`, to start at an end.
 */
export function nextDifference(
  status: Uint8Array,
  length: number,
  from: number,
  direction: 1 | -1,
): number | null {
  for (let step = 1; step <= length; step++) {
    const p = (((from + direction * step) % length) + length) % length
    if (status[p] !== 0) return p
  }
  return null
}
