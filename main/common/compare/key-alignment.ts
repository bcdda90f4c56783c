import { PairBuilder, type KeyOf } from './align.ts'
import type { AlignedPairs, ComparedLog } from './compare-types.ts'
import { textView } from './text-bytes.ts'
import { mapKeyOf, topLevelKey, type MapKey } from './top-level-value.ts'

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
 *
 * Both logs are walked by arrival, and only keys still waiting for their partner are kept: two
 * logs of the same stream carry their keys in about the same order, so that map stays small. A
 * map of every key (a million entries) cost ~600 ns an operation here, most of the alignment.
 * Whether a side repeats a key is told apart, from a hash of each key sorted (see `repeatsOf`).
 */
export function alignByKey(
  left: ComparedLog,
  right: ComparedLog,
  keyLeft: KeyOf,
  keyRight: KeyOf,
): KeyAlignment {
  const leftKeys = new SideKeys(left, keyLeft)
  const rightKeys = new SideKeys(right, keyRight)
  const waiting = new WaitingKeys()
  let i = 0
  let j = 0
  while (i < left.length || j < right.length) {
    const fromLeft = leftFirst(left, right, i, j)
    const side = fromLeft ? leftKeys : rightKeys
    const other = fromLeft ? rightKeys : leftKeys
    const index = fromLeft ? i++ : j++
    const key = side.keyAt(index)
    // Occurrences meet encoded: a left index as it is, a right one as −1 − it.
    const partner = key === undefined ? null : waiting.meet(key, fromLeft ? index : -1 - index)
    if (partner !== null) {
      side.match[index] = partner + 1
      other.match[partner] = index + 1
    }
  }

  // The merged timeline: walk both sides by arrival again, each pair listed when its first side
  // comes (a partner already passed listed it).
  const pairs = new PairBuilder(left.length + right.length)
  i = 0
  j = 0
  while (i < left.length || j < right.length) {
    if (leftFirst(left, right, i, j)) {
      const match = leftKeys.match[i]! - 1
      if (match < 0 || match >= j) pairs.push(i, match)
      i++
    } else {
      const match = rightKeys.match[j]! - 1
      if (match < 0 || match >= i) pairs.push(match, j)
      j++
    }
  }
  return {
    pairs: pairs.build(),
    duplicateKeys: { left: leftKeys.repeats(), right: rightKeys.repeats() },
    keyless: {
      left: leftKeys.keyless,
      right: rightKeys.keyless,
      firstLeft: leftKeys.firstKeyless,
      firstRight: rightKeys.firstKeyless,
    },
  }
}

/** Walking both logs by arrival from messages `i` and `j`: whether the left's comes next. */
const leftFirst = (left: ComparedLog, right: ComparedLog, i: number, j: number): boolean =>
  j === right.length || (i < left.length && left.tsAt(i) <= right.tsAt(j))

/** One side's keys as the walk reads them, and what it learns of them. */
class SideKeys {
  /** Per message: its partner's index + 1, or 0. */
  readonly match: Int32Array
  /**
   * Per message: its key's hash, or NaN where it has none; null while every key rose (then none
   * repeats, and none need be hashed).
   */
  #hashes: Float64Array | null = null
  readonly #log: ComparedLog
  readonly #keyOf: KeyOf
  keyless = 0
  firstKeyless: number | null = null
  /** The last key while every key so far was an integer above the one before (sequence numbers). */
  #last = -1
  /** Where the log holds a message's text (see ComparedLog.textAt). */
  readonly #text = textView()

  constructor(log: ComparedLog, keyOf: KeyOf) {
    this.#log = log
    this.#keyOf = keyOf
    this.match = new Int32Array(log.length)
  }

  /**
   * Message `index`'s key, read from the log's bytes where it can be (`$.id` of a text message),
   * else from the message.
   */
  read(index: number): MapKey | undefined {
    const property = this.#keyOf.property
    if (property !== undefined && this.#log.textAt?.(index, this.#text)) {
      const key = topLevelKey(this.#text, property)
      if (key !== null) return key
    }
    const key = this.#keyOf(this.#log.at(index))
    return key === undefined ? undefined : mapKeyOf(key)
  }

  /** Message `index`'s key (see `read`), noted: keyless, rising, or hashed. */
  keyAt(index: number): MapKey | undefined {
    const key = this.read(index)
    if (key === undefined) {
      if (this.#hashes) this.#hashes[index] = NaN
      this.keyless++
      this.firstKeyless ??= index
      return undefined
    }
    if (this.#hashes === null) {
      if (typeof key === 'number' && key > this.#last) {
        this.#last = key
        return key
      }
      this.#hashes = this.#hashesBefore(index)
    }
    this.#hashes[index] = hashOf(key)
    return key
  }

  /** The hashes of the keys before message `index` (they rose: none was hashed). */
  #hashesBefore(index: number): Float64Array {
    const hashes = new Float64Array(this.#log.length)
    for (let k = 0; k < index; k++) {
      const key = this.read(k)
      hashes[k] = key === undefined ? NaN : hashOf(key)
    }
    return hashes
  }

  /** How many messages have a key an earlier message of the side had. */
  repeats(): number {
    return this.#hashes === null ? 0 : repeatsOf(this.#hashes, this)
  }
}

/**
 * The keys met so far that wait for a partner, each with its side's occurrences not yet paired
 * (only one side of a key can have any: the other's would have paired with them).
 */
class WaitingKeys {
  /** A key's oldest unpaired occurrence: a left index, or −1 − a right index. */
  readonly #first = new Map<MapKey, number>()
  /** Its later ones, oldest first from `head` (a key repeated faster than the other side has it). */
  readonly #more = new Map<MapKey, { items: number[]; head: number }>()

  /**
   * An occurrence of `key` (encoded as in #first): the other side's occurrence it pairs with
   * (an index on that side), or null when it waits.
   */
  meet(key: MapKey, occurrence: number): number | null {
    const waiting = this.#first.get(key)
    if (waiting === undefined) {
      this.#first.set(key, occurrence)
      return null
    }
    if (waiting < 0 === occurrence < 0) {
      // The same side again: it waits behind.
      const more = this.#more.get(key)
      if (more) more.items.push(occurrence)
      else this.#more.set(key, { items: [occurrence], head: 0 })
      return null
    }
    const more = this.#more.get(key)
    if (more) {
      this.#first.set(key, more.items[more.head++]!)
      if (more.head === more.items.length) this.#more.delete(key)
    } else this.#first.delete(key)
    return waiting < 0 ? -1 - waiting : waiting
  }
}

/**
 * A 53-bit hash of a key: a number is its own, a text's is two 32-bit FNV-1a variants. Equal keys,
 * equal hashes (a number's may meet a text's: then both are read again, see repeatsOf).
 */
function hashOf(key: MapKey): number {
  if (typeof key === 'number') return key
  let a = 0x811c9dc5
  let b = 0x050c5d1f
  for (let c = 0; c < key.length; c++) {
    const code = key.charCodeAt(c)
    a = Math.imul(a ^ code, 0x01000193)
    b = Math.imul(b ^ code, 0x01000193) ^ (b >>> 15)
  }
  return (a >>> 0) * 0x200000 + (b >>> 11)
}

/**
 * How many of a side's messages have a key an earlier message of the side had. Sorted, equal
 * hashes sit together; where any do (rare, unless keys repeat), the keys with those hashes are
 * read again and counted as they are, so two keys that happen to share a hash are never called
 * repeats. `hashes` (NaN for keyless messages) is sorted in place.
 */
function repeatsOf(hashes: Float64Array, keys: SideKeys): number {
  hashes.sort()
  const shared = new Set<number>()
  for (let k = 1; k < hashes.length; k++) if (hashes[k] === hashes[k - 1]) shared.add(hashes[k]!) // NaN never equals itself
  if (shared.size === 0) return 0
  const seen = new Set<MapKey>()
  let repeats = 0
  for (let k = 0; k < hashes.length; k++) {
    const key = keys.read(k)
    if (key === undefined || !shared.has(hashOf(key))) continue
    if (seen.has(key)) repeats++
    else seen.add(key)
  }
  return repeats
}
