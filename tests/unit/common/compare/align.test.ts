import { describe, expect, it } from 'vitest'
import {
  alignByKey,
  alignByPosition,
  alignByTime,
  compileKey,
  logOfMessages,
  STATUS_OF,
  type AlignedPairs,
} from '#common/compare/index.ts'
import { json } from './messages.ts'

const listed = (pairs: AlignedPairs) =>
  Array.from({ length: pairs.length }, (_, p) => [
    pairs.left[p],
    pairs.right[p],
    STATUS_OF[pairs.status[p]!],
  ])

describe('alignByPosition', () => {
  it('pairs n-th with n-th and leaves the longer side’s rest alone', () => {
    expect(listed(alignByPosition(3, 2))).toEqual([
      [0, 0, 'equal'],
      [1, 1, 'equal'],
      [2, -1, 'only-left'],
    ])
  })
})

describe('alignByTime', () => {
  it('pairs arrivals within the tolerance, each side timed from its first message', () => {
    const left = [json({}, 1, 1000), json({}, 2, 1100), json({}, 3, 1500)]
    const right = [json({}, 1, 5000), json({}, 2, 5300), json({}, 3, 5505)]
    expect(listed(alignByTime(logOfMessages(left), logOfMessages(right), 20))).toEqual([
      [0, 0, 'equal'],
      [1, -1, 'only-left'],
      [-1, 1, 'only-right'],
      [2, 2, 'equal'],
    ])
  })
})

describe('alignByKey', () => {
  it('pairs equal keys in one merged timeline, whatever order each side has them in', () => {
    const left = [json({ id: 'a' }, 1, 10), json({ id: 'b' }, 2, 20), json({ id: 'c' }, 3, 30)]
    const right = [json({ id: 'b' }, 1, 12), json({ id: 'd' }, 2, 15), json({ id: 'a' }, 3, 40)]
    const { pairs, keyless, duplicateKeys } = alignByKey(
      logOfMessages(left),
      logOfMessages(right),
      compileKey('$.id'),
      compileKey('$.id'),
    )
    expect(listed(pairs)).toEqual([
      [0, 2, 'equal'],
      [1, 0, 'equal'],
      [-1, 1, 'only-right'],
      [2, -1, 'only-left'],
    ])
    expect(keyless).toEqual({ left: 0, right: 0, firstLeft: null, firstRight: null })
    expect(duplicateKeys).toEqual({ left: 0, right: 0 })
  })

  it('pairs the n-th occurrence of a repeated key with the n-th, and counts keyless messages', () => {
    const left = [json({ k: 1 }, 1), json({ k: 1 }, 2), json({ other: 1 }, 3)]
    const right = [json({ k: 1 }, 1)]
    const aligned = alignByKey(
      logOfMessages(left),
      logOfMessages(right),
      compileKey('$.k'),
      compileKey('$.k'),
    )
    expect(listed(aligned.pairs)).toEqual([
      [0, 0, 'equal'],
      [1, -1, 'only-left'],
      [2, -1, 'only-left'],
    ])
    expect(aligned.duplicateKeys.left).toBe(1)
    expect(aligned.keyless).toMatchObject({ left: 1, firstLeft: 2 })
  })
})

describe('compileKey', () => {
  it('reads the SSE id, or the last event ID in force, and other message fields', () => {
    const message = { ...json({}, 4), kind: 'sse-event' as const, lastEventId: '9' }
    expect(compileKey('@id')(message)).toBe('9')
    expect(compileKey('@id')({ ...message, id: '10' })).toBe('10')
    expect(compileKey('@seq')(message)).toBe('4')
    expect(compileKey('@event')(message)).toBe('message')
    expect(compileKey('$.x')(json({ x: { y: 1 } }, 1))).toBe('{"y":1}')
  })
})
