import type { ComparedMessage } from './compare-types.ts'
import {
  applyRules,
  comparedEvent,
  comparedKind,
  maskText,
  parseJsonPayload,
  type IgnoreRules,
} from './ignore-rules.ts'

/**
 * Whether two messages count as equal: the same kind of payload, the same SSE event type, and
 * payloads equal once the ignore rules apply. JSON payloads compare as values (key order makes
 * no difference); identical text is equal without parsing, which is most pairs of most logs.
 */
export function messagesEqual(a: ComparedMessage, b: ComparedMessage, rules: IgnoreRules): boolean {
  if (comparedKind(a) !== comparedKind(b) || comparedEvent(a) !== comparedEvent(b)) return false
  if (a.base64 !== undefined || b.base64 !== undefined) return a.base64 === b.base64
  if (a.data === b.data) return true
  const left = parseJsonPayload(a.data)
  const right = parseJsonPayload(b.data)
  if (left !== undefined && right !== undefined)
    return valuesEqual(applyRules(left, rules), applyRules(right, rules))
  if (rules.patterns.length === 0) return false
  return maskText(a.data ?? '', rules) === maskText(b.data ?? '', rules)
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
