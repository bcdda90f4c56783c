/**
 * JSON scalars (strings, numbers, true, false, null) read from their UTF-8 bytes: whether two hold
 * different values, and whether one is written as the grammar has it.
 */
import { holds, textOf } from './text-bytes.ts'

/**
 * Whether the scalars `x[xFrom, xTo)` and `y[yFrom, yTo)`, whose bytes differ, hold different
 * values; false where that needs parsing.
 */
export function scalarsDiffer(
  x: Uint8Array,
  xFrom: number,
  xTo: number,
  y: Uint8Array,
  yFrom: number,
  yTo: number,
): boolean {
  const xString = x[xFrom] === 34
  const yString = y[yFrom] === 34
  // Two strings that differ as written differ as values, unless an escape writes one of them.
  if (xString && yString) return !holds(x, xFrom, xTo, 92) && !holds(y, yFrom, yTo, 92)
  if (xString || yString) return true
  const xNumber = x[xFrom] === 45 || (x[xFrom]! >= 48 && x[xFrom]! <= 57)
  const yNumber = y[yFrom] === 45 || (y[yFrom]! >= 48 && y[yFrom]! <= 57)
  if (xNumber !== yNumber) return true
  if (!xNumber) return true // literals: different words (or not JSON)
  return numbersDiffer(x, xFrom, xTo, y, yFrom, yTo)
}

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

/**
 * Whether `bytes[from, to)` is a JSON string, number, true, false or null, exactly as the grammar
 * has it: a value stepped over is not parsed, and a text must parse for its values to count.
 */
export function isScalar(bytes: Uint8Array, from: number, to: number): boolean {
  const first = bytes[from]!
  if (first === 34 /* " */) {
    for (let i = from + 1; i < to - 1; i++) {
      const c = bytes[i]!
      if (c < 0x20) return false
      if (c !== 92 /* \ */) continue
      const escaped = bytes[++i]!
      if (escaped === 117 /* u */) {
        if (i + 4 > to - 2) return false
        for (let h = 1; h <= 4; h++) if (!isHex(bytes[i + h]!)) return false
        i += 4
      } else if (!ESCAPES.includes(escaped)) return false
    }
    return to - from >= 2 && bytes[to - 1] === 34
  }
  if (first === 116 || first === 102 || first === 110) {
    const word = textOf(bytes, from, to)
    return word === 'true' || word === 'false' || word === 'null'
  }
  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  let i = from
  if (bytes[i] === 45) i++
  if (i >= to) return false
  if (bytes[i] === 48) i++
  else if (isDigit(bytes[i]!)) while (i < to && isDigit(bytes[i]!)) i++
  else return false
  if (i < to && bytes[i] === 46) {
    i++
    if (i >= to || !isDigit(bytes[i]!)) return false
    while (i < to && isDigit(bytes[i]!)) i++
  }
  if (i < to && (bytes[i] === 101 || bytes[i] === 69)) {
    i++
    if (i < to && (bytes[i] === 43 || bytes[i] === 45)) i++
    if (i >= to || !isDigit(bytes[i]!)) return false
    while (i < to && isDigit(bytes[i]!)) i++
  }
  return i === to
}

/** The bytes after a backslash that make an escape, besides `u`: " \\ / b f n r t. */
const ESCAPES = [34, 92, 47, 98, 102, 110, 114, 116]
const isDigit = (c: number): boolean => c >= 48 && c <= 57
const isHex = (c: number): boolean => isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70)
