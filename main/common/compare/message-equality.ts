import type { ComparedLog, ComparedMessage } from './compare-types.ts'
import {
  applyRules,
  comparedEvent,
  comparedKind,
  maskText,
  parseJsonPayload,
  type IgnoreRules,
} from './ignore-rules.ts'
import { textBuffer, textView, utf8Of } from './text-bytes.ts'
import { compareTexts } from './text-difference.ts'

/** Where the logs hold the texts of the pair being judged (reused: a pair allocates nothing). */
const HELD_LEFT = textView()
const HELD_RIGHT = textView()
/** Texts of messages read whole, encoded (their own buffers: never a log's). */
const ENCODED_LEFT = textBuffer()
const ENCODED_RIGHT = textBuffer()

/**
 * Whether message `l` of `left` and message `r` of `right` count as equal (see messagesEqual),
 * reading their texts where the logs hold them as bytes: most pairs are then told without
 * decoding either text or parsing it.
 */
export function pairEqual(
  left: ComparedLog,
  l: number,
  right: ComparedLog,
  r: number,
  rules: IgnoreRules,
): boolean {
  if (left.textAt?.(l, HELD_LEFT) && right.textAt?.(r, HELD_RIGHT)) {
    const verdict = compareTexts(HELD_LEFT, HELD_RIGHT, rules.paths)
    if (verdict === 'same') return true
    if (rules.patterns.length === 0) {
      if (verdict === 'different') return false
      // Differing only where the rules remove: equal if the texts are JSON (one parse tells).
      if (verdict === 'ignored-only') return parseJsonPayload(left.at(l).data) !== undefined
    }
    // Both compare as text messages (no SSE event type or id): only their texts can tell.
    return textsEqual(left.at(l).data, right.at(r).data, rules)
  }
  return messagesEqual(left.at(l), right.at(r), rules)
}

/**
 * Whether two messages count as equal: the same kind of payload, the same SSE event type, and
 * payloads equal once the ignore rules apply. JSON payloads compare as values (key order makes
 * no difference); identical text is equal without parsing, which is most pairs of most logs,
 * text that differs in one value under the same keys is told apart without parsing, which is most
 * of the rest, and text that differs only in values the rules remove takes one parse, not two.
 */
export function messagesEqual(a: ComparedMessage, b: ComparedMessage, rules: IgnoreRules): boolean {
  if (comparedKind(a) !== comparedKind(b) || comparedEvent(a) !== comparedEvent(b)) return false
  if (a.base64 !== undefined || b.base64 !== undefined) return a.base64 === b.base64
  if (a.data === b.data) return true
  if (a.data !== undefined && b.data !== undefined && rules.patterns.length === 0) {
    const verdict = compareTexts(
      utf8Of(a.data, ENCODED_LEFT),
      utf8Of(b.data, ENCODED_RIGHT),
      rules.paths,
    )
    if (verdict === 'different') return false
    if (verdict === 'ignored-only') return parseJsonPayload(a.data) !== undefined
  }
  return textsEqual(a.data, b.data, rules)
}

/** Whether two payload texts that are not identical count as equal, parsed, rules applied. */
function textsEqual(a: string | undefined, b: string | undefined, rules: IgnoreRules): boolean {
  const left = parseJsonPayload(a)
  const right = parseJsonPayload(b)
  if (left !== undefined && right !== undefined)
    return valuesEqual(applyRules(left, rules), applyRules(right, rules))
  if (rules.patterns.length === 0) return false
  return maskText(a ?? '', rules) === maskText(b ?? '', rules)
}

/** Deep equality of two JSON values, walked with a stack (no recursion, no allocation per node). */
export function valuesEqual(a: unknown, b: unknown): boolean {
  const stack: unknown[] = [a, b]
  while (stack.length > 0) {
    const y = stack.pop()
    const x = stack.pop()
    if (x === y) continue
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false
    if (Array.isArray(x)) {
      if (!Array.isArray(y) || x.length !== y.length) return false
      for (let i = 0; i < x.length; i++) stack.push(x[i], y[i])
      continue
    }
    if (Array.isArray(y)) return false
    const xs = x as Record<string, unknown>
    const ys = y as Record<string, unknown>
    const keys = Object.keys(xs)
    if (keys.length !== Object.keys(ys).length) return false
    for (const key of keys) {
      if (!Object.hasOwn(ys, key)) return false
      stack.push(xs[key], ys[key])
    }
  }
  return true
}
