import { textOf } from './text-bytes.ts'

/** A decimal's sign, its count of integer digits, and its first 15 digits (see readDecimal). */
const LEFT = new Float64Array(3)
const RIGHT = new Float64Array(3)

/**
 * Whether two JSON numbers, `x[xFrom, xTo)` and `y[yFrom, yTo)`, whose texts differ, are different
 * numbers as JSON.parse reads them (doubles). Most are told from their digits: a timestamp with a
 * fraction has more digits than a double holds, and building its text to parse it cost more than
 * the rest of judging the pair.
 */
export function numbersDiffer(
  x: Uint8Array,
  xFrom: number,
  xTo: number,
  y: Uint8Array,
  yFrom: number,
  yTo: number,
): boolean {
  if (isPlainNumber(x, xFrom, xTo) && isPlainNumber(y, yFrom, yTo)) return true
  // Of the same sign and as many integer digits, two decimals whose first 15 digits differ by 2
  // or more differ by over 1e-15 of their size: more than a double's spacing (2.2e-16).
  if (
    readDecimal(x, xFrom, xTo, LEFT) &&
    readDecimal(y, yFrom, yTo, RIGHT) &&
    LEFT[0] === RIGHT[0] &&
    LEFT[1] === RIGHT[1] &&
    Math.abs(LEFT[2]! - RIGHT[2]!) >= 2
  )
    return true
  // Written another way (1.0, 1e0, more digits than a double holds): as JSON.parse reads them.
  return Number(textOf(x, xFrom, xTo)) !== Number(textOf(y, yFrom, yTo))
}

/**
 * A number with one way to write its value: no exponent, no leading zero, no fraction ending in
 * 0, not −0, and at most 15 digits (two such texts that differ are different doubles).
 */
function isPlainNumber(bytes: Uint8Array, from: number, to: number): boolean {
  let i = from
  if (bytes[i] === 45) i++
  const first = i
  let digits = 0
  let point = -1
  for (; i < to; i++) {
    const d = bytes[i]!
    if (d >= 48 && d <= 57) digits++
    else if (d === 46 && point < 0) point = i
    else return false
  }
  if (digits === 0 || digits > 15 || point === first || point === to - 1) return false
  if (bytes[first] === 48 && to - first > 1 && point !== first + 1) return false // 01
  if (point >= 0 && bytes[to - 1] === 48) return false // 1.50
  return !(bytes[from] === 45 && bytes[first] === 48 && to - first === 1) // -0
}

/**
 * Reads a decimal with a nonzero integer part and no exponent (`-1234.5678…`) into `into`: its
 * sign (±1), how many integer digits it has, and its first 15 digits as an integer (padded with
 * zeros: exact in a double). False for any other form.
 */
function readDecimal(bytes: Uint8Array, from: number, to: number, into: Float64Array): boolean {
  let i = from
  into[0] = 1
  if (bytes[i] === 45) {
    into[0] = -1
    i++
  }
  if (i >= to || bytes[i]! < 49 || bytes[i]! > 57) return false // 1-9
  let integers = -1
  let digits = 0
  let leading = 0
  for (; i < to; i++) {
    const d = bytes[i]!
    if (d === 46 && integers < 0) integers = digits
    else if (d < 48 || d > 57) return false
    else if (digits++ < 15) leading = leading * 10 + (d - 48)
  }
  for (let pad = digits; pad < 15; pad++) leading *= 10
  into[1] = integers < 0 ? digits : integers
  into[2] = leading
  return true
}
