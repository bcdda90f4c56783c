import type { AlignedPairs, ComparedLog, ComparedMessage, PairStatus } from './compare-types.ts'
import { parseJsonPayload } from './ignore-rules.ts'
import { parsePath, selectFirst } from './json-path.ts'
import { topLevelValue } from './top-level-value.ts'
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

/** A message's key by an expression; undefined where the expression reaches nothing. */
export type KeyOf = (message: ComparedMessage) => string | undefined

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
    const name = only.name
    return (message) => {
      if (message.data === undefined) return undefined
      const quick = topLevelValue(message.data, name)
      if (quick !== null) return quick
      const value = selectFirst(parseJsonPayload(message.data), path.segments)
      if (value === undefined) return undefined
      return typeof value === 'string' ? value : JSON.stringify(value)
    }
  }
  return (message) => {
    const value = selectFirst(parseJsonPayload(message.data), path.segments)
    if (value === undefined) return undefined
    return typeof value === 'string' ? value : JSON.stringify(value)
  }
}

export interface KeyAlignment {
  pairs: AlignedPairs
  /** Messages whose key an earlier message of their side had, per side (n-th pairs with n-th). */
  duplicateKeys: { left: number; right: number }
  /** Messages the key reached nothing in, per side, and the first of them. */
  keyless: { left: number; right: number; firstLeft: number | null; firstRight: number | null }
}

/**
 * Pairs the messages whose keys are equal (the n-th occurrence of a key on the left with its n-th
 * on the right), listed in one merged timeline by arrival; the unmatched stand alone.
 */
export function alignByKey(
  left: ComparedLog,
  right: ComparedLog,
  keyLeft: KeyOf,
  keyRight: KeyOf,
): KeyAlignment {
  const leftMatch = new Int32Array(left.length).fill(-1)
  const rightMatch = new Int32Array(right.length).fill(-1)
  const keyless = {
    left: 0,
    right: 0,
    firstLeft: null as number | null,
    firstRight: null as number | null,
  }
  // One map entry per left key (its first occurrence); later occurrences, which are rare, go to
  // a second map. Two maps of a million small arrays cost seconds of allocation and collection.
  const first = new Map<string, number>()
  const repeats = new Map<string, number[]>()
  for (let i = 0; i < left.length; i++) {
    const key = keyLeft(left.at(i))
    if (key === undefined) {
      keyless.left++
      keyless.firstLeft ??= i
      continue
    }
    if (!first.has(key)) first.set(key, i)
    else {
      const more = repeats.get(key)
      if (more) more.push(i)
      else repeats.set(key, [i])
    }
  }
  /** The next left occurrence of a key no right message has taken yet, or −1. */
  const nextFree = (key: string): number => {
    const at = first.get(key)
    if (at === undefined) return -1
    if (leftMatch[at] === -1) return at
    for (const candidate of repeats.get(key) ?? [])
      if (leftMatch[candidate] === -1) return candidate
    return -1
  }
  const unmatchedRight = new Set<string>()
  let duplicateRight = 0
  for (let j = 0; j < right.length; j++) {
    const key = keyRight(right.at(j))
    if (key === undefined) {
      keyless.right++
      keyless.firstRight ??= j
      continue
    }
    const i = nextFree(key)
    if (i >= 0) {
      leftMatch[i] = j
      rightMatch[j] = i
      // A later occurrence on the left found its partner: the right repeats the key too.
      if (i !== first.get(key)) duplicateRight++
    } else if (first.has(key) || unmatchedRight.has(key)) {
      // Seen on the right before: its left partners are taken, or it has none.
      duplicateRight++
    } else {
      unmatchedRight.add(key)
    }
  }
  let duplicateLeft = 0
  for (const more of repeats.values()) duplicateLeft += more.length

  // The merged timeline: walk both sides by arrival, each pair listed when its first side comes.
  const pairs = new PairBuilder(left.length + right.length)
  const listedRight = new Uint8Array(right.length)
  const listedLeft = new Uint8Array(left.length)
  let i = 0
  let j = 0
  while (i < left.length || j < right.length) {
    const takeLeft = j === right.length || (i < left.length && left.tsAt(i) <= right.tsAt(j))
    if (takeLeft) {
      if (!listedLeft[i]) {
        const match = leftMatch[i]!
        pairs.push(i, match)
        if (match >= 0) listedRight[match] = 1
      }
      i++
    } else {
      if (!listedRight[j]) {
        const match = rightMatch[j]!
        pairs.push(match, j)
        if (match >= 0) listedLeft[match] = 1
      }
      j++
    }
  }
  return {
    pairs: pairs.build(),
    duplicateKeys: { left: duplicateLeft, right: duplicateRight },
    keyless,
  }
}
