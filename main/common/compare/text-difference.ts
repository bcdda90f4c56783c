import type { PathSegment } from './json-path.ts'
import { numbersDiffer } from './json-numbers.ts'
import { holds, mayRepeat, textOf, type TextBytes } from './text-bytes.ts'

/**
 * What two texts' bytes tell without parsing them: they are the same text, or (as JSON) they
 * certainly hold different values, or parsing must tell.
 */
export type TextVerdict = 'same' | 'different' | 'unknown'

/** A step of the path to a value: an object's key (its text, unquoted) or an array's index. */
type Step = string | number

/** Deepest nesting walked; a deeper value is left to parsing. */
const MAX_DEPTH = 64
/**
 * The containers open at the first difference, outermost first: an object's current key (start
 * and end of its quoted text) or, for an array, −1 and the index of its current element.
 */
const keyStarts = new Int32Array(MAX_DEPTH)
const keyEnds = new Int32Array(MAX_DEPTH)

/**
 * Compares two texts as JSON without parsing them. Most changed pairs of two logs of one stream
 * differ in one scalar under the same keys (a timestamp, a counter); parsing both sides to learn
 * that was most of judging a million pairs (JSON.parse: 36 % of a comparison by key), and
 * decoding them to strings first most of the rest.
 *
 * `different` when the first byte where the texts part lies in a scalar that both hold at the same
 * path (their bytes up to it are the same) with different values, no ignore path reaches that path,
 * and no key on it appears again later in either text (JSON.parse keeps the last of repeated keys).
 * A text that is not valid JSON equals nothing it is not identical to (see messagesEqual), so
 * `different` never needs the texts validated.
 */
export function compareTexts(
  a: TextBytes,
  b: TextBytes,
  ignored: readonly PathSegment[][],
): TextVerdict {
  const x = a.bytes
  const y = b.bytes
  const xo = a.from
  const yo = b.from
  const xn = a.to - xo
  const yn = b.to - yo
  const shared = Math.min(xn, yn)
  let part = 0
  while (part < shared && x[xo + part] === y[yo + part]) part++
  if (part === xn && part === yn) return 'same'

  // Walk the shared bytes to the token that holds the first difference (positions from `from`).
  let depth = 0
  let expectKey = false
  let at = 0
  for (;;) {
    while (at < part && isSpace(x[xo + at]!)) at++
    if (at >= part) break
    const c = x[xo + at]!
    if (c === 123 /* { */ || c === 91 /* [ */) {
      if (depth === MAX_DEPTH) return 'unknown'
      keyStarts[depth] = c === 123 ? 0 : -1
      keyEnds[depth] = 0
      depth++
      expectKey = c === 123
      at++
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      if (depth === 0) return 'unknown'
      depth--
      at++
    } else if (c === 44 /* , */) {
      if (depth === 0) return 'unknown'
      expectKey = keyStarts[depth - 1]! >= 0
      if (!expectKey) keyEnds[depth - 1]!++
      at++
    } else if (c === 58 /* : */) at++
    else {
      const end = scalarEnd(x, xo, xn, at)
      // A string ends with its quote; a number or a literal where a byte that is not its own
      // follows, which may be where the texts part.
      if (end < 0 || (c === 34 /* " */ ? end > part : end >= part)) break
      if (expectKey) {
        keyStarts[depth - 1] = at
        keyEnds[depth - 1] = end
        expectKey = false
      }
      at = end
    }
  }
  if (expectKey || depth === 0) return 'unknown' // a key, or no value under one
  const endA = scalarEnd(x, xo, xn, at)
  const endB = scalarEnd(y, yo, yn, at)
  // Both end where the texts part (`1,` against `1}`): the same scalar, and the difference after.
  if (endA === part && endB === part) return 'unknown'
  if (endA < 0 || endB < 0 || !scalarsDiffer(x, xo + at, xo + endA, y, yo + at, yo + endB))
    return 'unknown'

  // JSON.parse keeps the last of repeated keys: a key on the path that comes again later (or
  // that could, written with escapes) may replace what differs.
  for (let level = 0; level < depth; level++) {
    const start = keyStarts[level]!
    if (start < 0) continue
    const key = xo + start
    const length = keyEnds[level]! - start
    if (
      length < 2 ||
      holds(x, key, key + length, 92 /* \ */) ||
      mayRepeat(x, xo + endA, xo + xn, x, key, length) ||
      mayRepeat(y, yo + endB, yo + yn, x, key, length)
    )
      return 'unknown'
  }
  if (ignored.length === 0) return 'different'
  const path: Step[] = []
  for (let level = 0; level < depth; level++) {
    const start = keyStarts[level]!
    path.push(start < 0 ? keyEnds[level]! : textOf(x, xo + start + 1, xo + keyEnds[level]! - 1))
  }
  return ignored.some((rule) => reachesPrefix(rule, 0, path, 0)) ? 'unknown' : 'different'
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13
}

/**
 * Position just past the string, number or literal at position `at` of `bytes[offset, offset +
 * length)` (a number or a literal runs to the first byte that cannot be part of one), or −1 when
 * none starts there.
 */
function scalarEnd(bytes: Uint8Array, offset: number, length: number, at: number): number {
  if (bytes[offset + at] === 34 /* " */) {
    for (let j = at + 1; j < length; j++) {
      const d = bytes[offset + j]!
      if (d === 92 /* \ */) j++
      else if (d === 34) return j + 1
    }
    return -1
  }
  let j = at
  for (; j < length; j++) {
    const d = bytes[offset + j]!
    const numeric = (d >= 48 && d <= 57) || d === 45 || d === 43 || d === 46 // 0-9 - + .
    const letter = d >= 97 && d <= 122 // a-z: true, false, null and the exponent's e
    if (!numeric && !letter && d !== 69 /* E */) break
  }
  return j === at ? -1 : j
}

/**
 * Whether the scalars `x[xFrom, xTo)` and `y[yFrom, yTo)`, whose bytes differ, hold different
 * values; false where that needs parsing.
 */
function scalarsDiffer(
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

/** Whether the ignore rule `segments[s..]` reaches `path[p..]` or a container on the way to it. */
function reachesPrefix(
  segments: readonly PathSegment[],
  s: number,
  path: readonly Step[],
  p: number,
): boolean {
  if (s === segments.length) return true
  if (p === path.length) return false
  const segment = segments[s]!
  const step = path[p]!
  switch (segment.type) {
    case 'property':
      return step === segment.name && reachesPrefix(segments, s + 1, path, p + 1)
    case 'index':
      return step === segment.index && reachesPrefix(segments, s + 1, path, p + 1)
    case 'wildcard':
      return reachesPrefix(segments, s + 1, path, p + 1)
    case 'descendant':
      return (
        (step === segment.name && reachesPrefix(segments, s + 1, path, p + 1)) ||
        reachesPrefix(segments, s, path, p + 1)
      )
    default:
      return segment satisfies never
  }
}
