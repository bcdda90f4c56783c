import { describe, expect, it } from 'vitest'
import {
  alignByKey,
  compileKey,
  logOfMessages,
  type ComparedMessage,
} from '#common/compare/index.ts'
import { json } from './messages.ts'

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    return state / 2 ** 31
  }
}

/** Messages keyed from a pool of `keys` (so some repeat), one in ten with no key. */
function messages(next: () => number, count: number, keys: number): ComparedMessage[] {
  let ts = 0
  return Array.from({ length: count }, (_, i) => {
    ts += Math.floor(next() * 5)
    const value = next() < 0.1 ? { none: i } : { k: Math.floor(next() * keys) }
    return json(value, i + 1, ts)
  })
}

/** The n-th occurrence of a key with the n-th, and the repeats, worked out the plain way. */
function plainly(left: ComparedMessage[], right: ComparedMessage[]) {
  const occurrences = (side: ComparedMessage[]) => {
    const byKey = new Map<string, number[]>()
    side.forEach((message, i) => {
      const key = compileKey('$.k')(message)
      if (key !== undefined) byKey.set(key, [...(byKey.get(key) ?? []), i])
    })
    return byKey
  }
  const repeats = (byKey: Map<string, number[]>) =>
    [...byKey.values()].reduce((sum, list) => sum + list.length - 1, 0)
  const lefts = occurrences(left)
  const rights = occurrences(right)
  const pairs: number[][] = []
  for (const [key, list] of lefts)
    list.forEach((i, n) => {
      const j = rights.get(key)?.[n]
      if (j !== undefined) pairs.push([i, j])
    })
  return {
    pairs: pairs.sort((a, b) => a[0]! - b[0]!),
    duplicateKeys: { left: repeats(lefts), right: repeats(rights) },
  }
}

describe('alignByKey over many shapes of logs', () => {
  it('pairs n-th with n-th, lists every message once, and counts repeats exactly', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const next = random(seed)
      // Few keys (most repeat), or many (few repeat).
      const keys = seed % 2 === 0 ? 12 : 5000
      const left = messages(next, 400, keys)
      const right = messages(next, 300, keys)
      const aligned = alignByKey(
        logOfMessages(left),
        logOfMessages(right),
        compileKey('$.k'),
        compileKey('$.k'),
      )
      const expected = plainly(left, right)
      const listed = Array.from({ length: aligned.pairs.length }, (_, p) => [
        aligned.pairs.left[p]!,
        aligned.pairs.right[p]!,
      ])
      expect(listed.filter(([i, j]) => i! >= 0 && j! >= 0).sort((a, b) => a[0]! - b[0]!)).toEqual(
        expected.pairs,
      )
      expect(listed.filter(([i]) => i! >= 0).map(([i]) => i)).toHaveLength(left.length)
      expect(listed.filter(([, j]) => j! >= 0).map(([, j]) => j)).toHaveLength(right.length)
      expect(new Set(listed.map(String)).size).toBe(listed.length)
      expect(aligned.duplicateKeys).toEqual(expected.duplicateKeys)
    }
  })

  it('lists a pair where its first side arrives, whichever side that is', () => {
    const left = [json({ k: 'a' }, 1, 10), json({ k: 'b' }, 2, 50)]
    const right = [json({ k: 'b' }, 1, 20), json({ k: 'a' }, 2, 60)]
    const { pairs } = alignByKey(
      logOfMessages(left),
      logOfMessages(right),
      compileKey('$.k'),
      compileKey('$.k'),
    )
    expect([...pairs.left]).toEqual([0, 1])
    expect([...pairs.right]).toEqual([1, 0])
  })

  it('counts repeats of sequence numbers, rising until one comes again', () => {
    const seqs = (values: unknown[]) => values.map((k, i) => json({ k }, i + 1))
    const repeats = (values: unknown[]) =>
      alignByKey(
        logOfMessages(seqs(values)),
        logOfMessages([]),
        compileKey('$.k'),
        compileKey('$.k'),
      ).duplicateKeys.left
    expect(repeats([8, 9, 10, 11, 100])).toBe(0)
    expect(repeats([8, 9, 10, 10, 11, 9])).toBe(2)
    expect(repeats(['07', '7', '07'])).toBe(1) // text, not numbers: "07" is not 7
    expect(repeats([1, 2, 3, 2.5, 3])).toBe(1)
  })
})
