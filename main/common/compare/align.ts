import type { AlignedPairs, ComparedLog, ComparedMessage, PairStatus } from './compare-types.ts'
import { parseJsonPayload } from './ignore-rules.ts'
import { parsePath, selectFirst } from './json-path.ts'
import { textBuffer, utf8Of } from './text-bytes.ts'
import { topLevelKey } from './top-level-value.ts'
import { withRoom } from './with-room.ts'

/** Status codes as stored in `AlignedPairs.status`. */
export const STATUS_CODE: Record<PairStatus, number> = {
  equal: 0,
  changed: 1,
  'only-left': 2,
  'only-right': 3,
}
export const STATUS_OF: readonly PairStatus[] = ['equal', 'changed', 'only-left', 'only-right']

/**
 * A growable pair list; statuses of two-sided pairs are filled in later (0 until then). Made with
 * room for the most pairs its alignment can make (both sides' counts): untouched memory costs
 * nothing, where growing by doubling touched twice the final size in fresh memory (about 4 ms a
 * MiB here) and copied it.
 */
export class PairBuilder {
  #left: Int32Array
  #right: Int32Array
  #status: Uint8Array
  length = 0

  constructor(capacity = 1024) {
    this.#left = new Int32Array(Math.max(1, capacity))
    this.#right = new Int32Array(Math.max(1, capacity))
    this.#status = new Uint8Array(Math.max(1, capacity))
  }

  push(left: number, right: number): void {
    if (this.length === this.#left.length) {
      this.#left = withRoom(this.#left, this.length + 1, this.length)
      this.#right = withRoom(this.#right, this.length + 1, this.length)
      this.#status = withRoom(this.#status, this.length + 1, this.length)
    }
    this.#left[this.length] = left
    this.#right[this.length] = right
    this.#status[this.length] =
      left < 0 ? STATUS_CODE['only-right'] : right < 0 ? STATUS_CODE['only-left'] : 0
    this.length++
  }

  build(): AlignedPairs {
    return {
      left: this.#left.subarray(0, this.length),
      right: this.#right.subarray(0, this.length),
      status: this.#status.subarray(0, this.length),
      length: this.length,
    }
  }
}

/** n-th against n-th; the longer side's rest stands alone. */
export function alignByPosition(leftCount: number, rightCount: number): AlignedPairs {
  const pairs = new PairBuilder(Math.max(leftCount, rightCount))
  for (let i = 0; i < Math.max(leftCount, rightCount); i++) {
    pairs.push(i < leftCount ? i : -1, i < rightCount ? i : -1)
  }
  return pairs.build()
}

/**
 * One merged timeline, each log's times taken from its first message: arrivals within
 * `toleranceMs` of each other pair up, in order; the others stand alone where they fall.
 */
export function alignByTime(
  left: ComparedLog,
  right: ComparedLog,
  toleranceMs: number,
): AlignedPairs {
  const pairs = new PairBuilder(left.length + right.length)
  const leftStart = left.length > 0 ? left.tsAt(0) : 0
  const rightStart = right.length > 0 ? right.tsAt(0) : 0
  let i = 0
  let j = 0
  while (i < left.length || j < right.length) {
    if (i === left.length) pairs.push(-1, j++)
    else if (j === right.length) pairs.push(i++, -1)
    else {
      const tl = left.tsAt(i) - leftStart
      const tr = right.tsAt(j) - rightStart
      if (Math.abs(tl - tr) <= toleranceMs) pairs.push(i++, j++)
      else if (tl < tr) pairs.push(i++, -1)
      else pairs.push(-1, j++)
    }
  }
  return pairs.build()
}

/**
 * A message's key by an expression; undefined where the expression reaches nothing. A key that is
 * a top-level property (`$.id`) carries its name as a JSON string's UTF-8 (`"id"`), for reading it
 * from a log's bytes with topLevelKey.
 */
export interface KeyOf {
  (message: ComparedMessage): string | undefined
  readonly property?: Uint8Array
}

/** The text a `$.name` key reads, encoded (its own buffer, never a log's). */
const ENCODED = textBuffer()

/** Compiles a key expression (see json-path.ts); throws PathSyntaxError for a bad one. */
export function compileKey(expression: string): KeyOf {
  const path = parsePath(expression)
  if (path.kind === 'field') {
    switch (path.field) {
      case 'id':
        return (message) => message.id ?? message.lastEventId
      case 'event':
        return (message) => message.event ?? (message.kind === 'sse-event' ? 'message' : undefined)
      case 'seq':
        return (message) => String(message.seq)
      case 'data':
        return (message) => message.data ?? message.base64
      default:
        return path.field satisfies never
    }
  }
  if (path.segments.length === 0) return (message) => message.data
  const only = path.segments.length === 1 ? path.segments[0] : undefined
  if (only?.type === 'property') {
    // `$.id`: read from the text, parsing only what the quick reader cannot tell.
    const property = new TextEncoder().encode(JSON.stringify(only.name))
    const keyOf = (message: ComparedMessage): string | undefined => {
      if (message.data === undefined) return undefined
      const quick = topLevelKey(utf8Of(message.data, ENCODED), property)
      if (quick !== null) return quick === undefined ? undefined : String(quick)
      const value = selectFirst(parseJsonPayload(message.data), path.segments)
      if (value === undefined) return undefined
      return typeof value === 'string' ? value : JSON.stringify(value)
    }
    return Object.assign(keyOf, { property })
  }
  return (message) => {
    const value = selectFirst(parseJsonPayload(message.data), path.segments)
    if (value === undefined) return undefined
    return typeof value === 'string' ? value : JSON.stringify(value)
  }
}
