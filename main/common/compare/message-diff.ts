import { decodeBase64 } from '../payload/base64.ts'
import type { ComparedMessage } from './compare-types.ts'
import {
  applyRules,
  comparedEvent,
  comparedKind,
  maskText,
  parseJsonPayload,
  type IgnoreRules,
} from './ignore-rules.ts'

/** One difference between two JSON payloads, at a path, with both values as JSON text. */
export interface JsonChange {
  path: string
  change: 'changed' | 'added' | 'removed'
  left?: string
  right?: string
}

export interface TextSegment {
  op: 'same' | 'removed' | 'added'
  text: string
}

export interface ByteRange {
  offset: number
  left: number[]
  right: number[]
}

/** What differs between the two messages of a pair: fields, then the payload's own diff. */
export interface MessageDiff {
  /** Kind or SSE event type, when they differ (`@kind`, `@event`). */
  fields: JsonChange[]
  payload:
    | { kind: 'json'; changes: JsonChange[] }
    | { kind: 'text'; segments: TextSegment[] }
    | { kind: 'bytes'; leftSize: number; rightSize: number; differing: number; ranges: ByteRange[] }
}

const MAX_CHANGES = 500
const MAX_DEPTH = 200

/** The structural, character or byte diff of two messages, ignore rules applied. */
export function diffMessages(
  left: ComparedMessage,
  right: ComparedMessage,
  rules: IgnoreRules,
): MessageDiff {
  const fields: JsonChange[] = []
  if (comparedKind(left) !== comparedKind(right))
    fields.push({ path: '@kind', change: 'changed', left: left.kind, right: right.kind })
  if (comparedEvent(left) !== comparedEvent(right))
    fields.push({ path: '@event', change: 'changed', left: left.event, right: right.event })

  if (left.base64 !== undefined || right.base64 !== undefined) {
    return { fields, payload: diffBytes(bytesOf(left), bytesOf(right)) }
  }
  const leftJson = parseJsonPayload(left.data)
  const rightJson = parseJsonPayload(right.data)
  if (leftJson !== undefined && rightJson !== undefined) {
    const changes: JsonChange[] = []
    diffJson(applyRules(leftJson, rules), applyRules(rightJson, rules), '$', changes, 0)
    return { fields, payload: { kind: 'json', changes } }
  }
  return {
    fields,
    payload: {
      kind: 'text',
      segments: diffText(maskText(left.data ?? '', rules), maskText(right.data ?? '', rules)),
    },
  }
}

function bytesOf(message: ComparedMessage): Uint8Array {
  return message.base64 !== undefined
    ? decodeBase64(message.base64)
    : new TextEncoder().encode(message.data ?? '')
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const childPath = (path: string, key: string | number): string =>
  typeof key === 'number'
    ? `${path}[${key}]`
    : /^[A-Za-z_$][\w$]*$/.test(key)
      ? `${path}.${key}`
      : `${path}[${JSON.stringify(key).replace(/^"|"$/g, "'")}]`

const json = (value: unknown): string => {
  try {
    return JSON.stringify(value) ?? 'undefined'
  } catch {
    return '(too deep to show)'
  }
}

function diffJson(
  left: unknown,
  right: unknown,
  path: string,
  changes: JsonChange[],
  depth: number,
): void {
  if (changes.length >= MAX_CHANGES) return
  if (depth < MAX_DEPTH && isObject(left) && isObject(right)) {
    for (const key of Object.keys(left)) {
      if (!Object.hasOwn(right, key))
        changes.push({ path: childPath(path, key), change: 'removed', left: json(left[key]) })
      else diffJson(left[key], right[key], childPath(path, key), changes, depth + 1)
    }
    for (const key of Object.keys(right)) {
      if (!Object.hasOwn(left, key))
        changes.push({ path: childPath(path, key), change: 'added', right: json(right[key]) })
    }
    return
  }
  if (depth < MAX_DEPTH && Array.isArray(left) && Array.isArray(right)) {
    const shared = Math.min(left.length, right.length)
    for (let i = 0; i < shared; i++)
      diffJson(left[i], right[i], childPath(path, i), changes, depth + 1)
    for (let i = shared; i < left.length; i++)
      changes.push({ path: childPath(path, i), change: 'removed', left: json(left[i]) })
    for (let i = shared; i < right.length; i++)
      changes.push({ path: childPath(path, i), change: 'added', right: json(right[i]) })
    return
  }
  const l = json(left)
  const r = json(right)
  if (l !== r) changes.push({ path, change: 'changed', left: l, right: r })
}

/** Longer texts are diffed by their common start and end only: Myers' cost grows with both. */
const MAX_MYERS_CHARS = 20_000
const MAX_EDITS = 2_000

/** A character diff (Myers), merged into runs; for long or very different texts, a coarse one. */
export function diffText(left: string, right: string): TextSegment[] {
  let start = 0
  while (start < left.length && start < right.length && left[start] === right[start]) start++
  let end = 0
  while (
    end < left.length - start &&
    end < right.length - start &&
    left[left.length - 1 - end] === right[right.length - 1 - end]
  )
    end++
  const a = left.slice(start, left.length - end)
  const b = right.slice(start, right.length - end)
  const middle =
    a.length + b.length <= MAX_MYERS_CHARS ? (myers(a, b) ?? coarse(a, b)) : coarse(a, b)
  return merge([
    { op: 'same', text: left.slice(0, start) },
    ...middle,
    { op: 'same', text: left.slice(left.length - end) },
  ])
}

function coarse(a: string, b: string): TextSegment[] {
  return [
    { op: 'removed', text: a },
    { op: 'added', text: b },
  ]
}

/** Myers' O(ND) diff of two strings, or null past MAX_EDITS edits. */
function myers(a: string, b: string): TextSegment[] | null {
  const n = a.length
  const m = b.length
  const max = Math.min(n + m, MAX_EDITS)
  const offset = max + 1
  const v = new Int32Array(2 * max + 3)
  const trace: Int32Array[] = []
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice())
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)
          ? v[offset + k + 1]!
          : v[offset + k - 1]! + 1
      let y = x - k
      while (x < n && y < m && a[x] === b[y]) {
        x++
        y++
      }
      v[offset + k] = x
      if (x >= n && y >= m) return backtrack(trace, a, b, offset, d)
    }
  }
  return null
}

function backtrack(
  trace: Int32Array[],
  a: string,
  b: string,
  offset: number,
  depth: number,
): TextSegment[] {
  const segments: TextSegment[] = []
  let x = a.length
  let y = b.length
  for (let d = depth; d > 0; d--) {
    const v = trace[d]!
    const k = x - y
    const prevK = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? k + 1 : k - 1
    const prevX = v[offset + prevK]!
    const prevY = prevX - prevK
    while (x > prevX && y > prevY) {
      segments.push({ op: 'same', text: a[x - 1]! })
      x--
      y--
    }
    if (x === prevX) segments.push({ op: 'added', text: b[y - 1]! })
    else segments.push({ op: 'removed', text: a[x - 1]! })
    x = prevX
    y = prevY
  }
  while (x > 0 && y > 0) {
    segments.push({ op: 'same', text: a[x - 1]! })
    x--
    y--
  }
  return segments.reverse()
}

function merge(segments: TextSegment[]): TextSegment[] {
  const merged: TextSegment[] = []
  for (const segment of segments) {
    if (segment.text === '') continue
    const last = merged.at(-1)
    if (last?.op === segment.op) last.text += segment.text
    else merged.push({ ...segment })
  }
  return merged
}

const MAX_RANGES = 64

/** Which bytes differ, as ranges of adjacent differing bytes (the first few), and how many. */
function diffBytes(left: Uint8Array, right: Uint8Array): MessageDiff['payload'] {
  const ranges: ByteRange[] = []
  let differing = 0
  const length = Math.max(left.length, right.length)
  let open: ByteRange | null = null
  for (let i = 0; i < length; i++) {
    const same = i < left.length && i < right.length && left[i] === right[i]
    if (same) {
      open = null
      continue
    }
    differing++
    if (open === null && ranges.length < MAX_RANGES) {
      open = { offset: i, left: [], right: [] }
      ranges.push(open)
    }
    if (open && open.left.length < 64) {
      if (i < left.length) open.left.push(left[i]!)
      if (i < right.length) open.right.push(right[i]!)
    }
  }
  return { kind: 'bytes', leftSize: left.length, rightSize: right.length, differing, ranges }
}
