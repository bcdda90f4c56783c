import { describe, expect, it } from 'vitest'
import {
  CompareError,
  compareLogs,
  DEFAULT_COMPARE_OPTIONS,
  sideOf,
  STATUS_OF,
  type CompareOptions,
} from '#common/compare/index.ts'
import { json, side, text } from './messages.ts'

const options = (overrides: Partial<CompareOptions> = {}): CompareOptions => ({
  ...DEFAULT_COMPARE_OPTIONS,
  ...overrides,
})

describe('compareLogs', () => {
  it('counts equal, changed, only-left and only-right pairs, and finds the first difference', () => {
    const left = side([json({ n: 1 }, 1), json({ n: 2 }, 2), json({ n: 3 }, 3)])
    const right = side([json({ n: 1 }, 1), json({ n: 20 }, 2)])
    const result = compareLogs(left, right, options())
    expect(result.summary).toEqual({
      equal: 1,
      changed: 1,
      onlyLeft: 1,
      onlyRight: 0,
      firstDifference: 1,
    })
    expect(Array.from(result.pairs.status, (code) => STATUS_OF[code])).toEqual([
      'equal',
      'changed',
      'only-left',
    ])
  })

  it('counts a difference as equal once its path is ignored', () => {
    const left = side([json({ id: 1, ts: 1 }, 1)])
    const right = side([json({ ts: 2, id: 1 }, 1)])
    expect(compareLogs(left, right, options()).summary.changed).toBe(1)
    expect(compareLogs(left, right, options({ ignore: ['$.ts'] })).summary.equal).toBe(1)
  })

  it('times both sides and the right side behind the left', () => {
    const left = side([json({ id: 1 }, 1, 0), json({ id: 2 }, 2, 100), json({ id: 3 }, 3, 300)])
    const right = side([json({ id: 1 }, 1, 5), json({ id: 2 }, 2, 110), json({ id: 3 }, 3, 315)])
    const { timing } = compareLogs(
      left,
      right,
      options({ align: 'key', keyLeft: '$.id', keyRight: '$.id' }),
    )
    expect(timing.left).toMatchObject({
      messages: 3,
      spanMs: 300,
      maxGap: 200,
      maxGapAt: 2,
      rate: 2 / 0.3,
    })
    expect(timing.latency).toMatchObject({ pairs: 3, p50: 10, max: 15 })
    expect(timing.latency?.series).toEqual([
      [0, 5],
      [100, 10],
      [300, 15],
    ])
  })

  it('warns about skipped rows, keys that reach nothing, and logs with nothing in common', () => {
    const result = compareLogs(
      side([json({ a: 1 }, 1)], 40),
      side([json({ b: 1 }, 1)]),
      options({ align: 'key', keyLeft: '$.id', keyRight: '$.b' }),
    )
    expect(result.warnings.join('\n')).toMatch(/left log skipped 40 rows/)
    expect(result.warnings.join('\n')).toMatch(
      /The key \$\.id reached nothing in any of the 1 left messages/,
    )
    expect(result.warnings.join('\n')).toMatch(/nothing in common/)
  })

  it('refuses options it cannot use with a sentence', () => {
    expect(() => compareLogs(side([]), side([]), options({ align: 'key' }))).toThrow(CompareError)
    expect(() =>
      compareLogs(side([]), side([]), options({ align: 'key', keyLeft: 'id', keyRight: '$.id' })),
    ).toThrow('must start with $')
    expect(() => compareLogs(side([]), side([]), options({ ignore: ['/(/'] }))).toThrow(
      CompareError,
    )
  })
})

describe('sideOf', () => {
  it('keeps the messages the filters let through and counts skipped rows', () => {
    const rows = [
      { type: 'connecting' as const, seq: 1, ts: 0, attempt: 1, url: 'ws://h' },
      { type: 'message' as const, ...text('a', 2), direction: 'out' as const },
      { type: 'message' as const, ...text('b', 3) },
      { type: 'message' as const, ...text('', 4), kind: 'ping' as const },
      { type: 'skipped' as const, ts: 0, count: 5 },
    ]
    const { messages, skipped } = sideOf(rows, { directions: ['in'], kinds: ['text'] })
    expect(messages.length).toBe(1)
    expect(messages.at(0).data).toBe('b')
    expect(skipped).toBe(5)
  })
})
