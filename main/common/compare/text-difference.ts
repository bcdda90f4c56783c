import type { PathSegment } from './json-path.ts'
import { isScalar, scalarsDiffer } from './json-scalars.ts'
import { holds, isSpace, mayRepeat, stringEnd, textOf, type TextBytes } from './text-bytes.ts'

/**
 * What two texts' bytes tell without parsing them: they are the same text; or (as JSON) they
 * certainly hold different values; or they differ only in values the ignore rules remove, and are
 * equal if they are JSON (`ignored-only`: parsing one side tells); or parsing must tell.
 */
export type TextVerdict = 'same' | 'different' | 'ignored-only' | 'unknown'

/** A step of the path to a value: an object's key (its text, unquoted) or an array's index. */
type Step = string | number

/** Deepest nesting walked; a deeper value is left to parsing. */
const MAX_DEPTH = 64
/**
 * The containers open where the walk is, outermost first: an object's current key (start and end
 * of its quoted text) or, for an array, −1 and the index of its current element.
 */
const keyStarts = new Int32Array(MAX_DEPTH)
const keyEnds = new Int32Array(MAX_DEPTH)

/**
 * Compares two texts as JSON without parsing them. Most changed pairs of two logs of one stream
 * differ in one scalar under the same keys (a timestamp, a counter); parsing both sides to learn
 * that was most of judging a million pairs (JSON.parse: 36 % of a comparison by key), and
 * decoding them to strings first most of the rest.
 *
 * The texts are walked together from where they part to where they part again. `different` when
 * they part in a scalar that both hold at the same path (their bytes before it are alike) with
 * different values, no ignore path reaches that path, and no key on it appears again later in
 * either text (JSON.parse keeps the last of repeated keys). A difference in a valid scalar an
 * ignore path reaches is stepped over; texts that differ only in such are `ignored-only`. A text
 * that is not valid JSON equals nothing it is not identical to (see messagesEqual), so
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
  const xn = a.to - xo
  const yn = b.to - b.from
  // Positions are the left text's, from `from`; the right's are `shift` further on.
  let shift = 0
  let yo = b.from
  let depth = 0
  let expectKey = false
  let at = 0
  let stepped = false
  for (;;) {
    // Where the texts part next.
    const shared = Math.min(xn, yn - shift)
    let part = at
    while (part < shared && x[xo + part] === y[yo + part]) part++
    if (part === xn && part === yn - shift) return stepped ? 'ignored-only' : 'same'

    // Walk the bytes alike to the token that holds the difference.
    for (;;) {
      while (at < part && isSpace(x[xo + at])) at++
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
    const endB = scalarEnd(y, yo, yn - shift, at)
    // Both end where the texts part (`1,` against `1}`): the same scalar, and the difference after.
    if (endA < 0 || endB < 0 || (endA === part && endB === part)) return 'unknown'

    const path = ignored.length > 0 ? pathOf(x, xo, depth) : null
    if (path !== null && ignored.some((rule) => reachesPrefix(rule, 0, path, 0))) {
      // Removed from both sides: step over it, if it is a value (else neither text parses).
      if (!isScalar(x, xo + at, xo + endA) || !isScalar(y, yo + at, yo + endB)) return 'unknown'
      stepped = true
      at = endA
      shift += endB - endA
      yo = b.from + shift
      continue
    }
    if (!scalarsDiffer(x, xo + at, xo + endA, y, yo + at, yo + endB)) return 'unknown'

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
        mayRepeat(y, yo + endB, b.to, x, key, length)
      )
        return 'unknown'
    }
    return 'different'
  }
}

/**
 * The path to the value the walk is at, its keys read from the left text; null where a key is
 * written with an escape (its text is not its name).
 */
function pathOf(x: Uint8Array, xo: number, depth: number): Step[] | null {
  const path: Step[] = []
  for (let level = 0; level < depth; level++) {
    const start = keyStarts[level]!
    if (start < 0) {
      path.push(keyEnds[level]!)
      continue
    }
    if (holds(x, xo + start, xo + keyEnds[level]!, 92 /* \ */)) return null
    path.push(textOf(x, xo + start + 1, xo + keyEnds[level]! - 1))
  }
  return path
}

/**
 * Position just past the string, number or literal at position `at` of `bytes[offset, offset +
 * length)` (a number or a literal runs to the first byte that cannot be part of one), or −1 when
 * none starts there.
 */
function scalarEnd(bytes: Uint8Array, offset: number, length: number, at: number): number {
  if (bytes[offset + at] === 34 /* " */) {
    const close = stringEnd(bytes, offset + at, offset + length)
    return close < 0 ? -1 : close - offset + 1
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
