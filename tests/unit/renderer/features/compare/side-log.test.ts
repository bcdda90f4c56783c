import { describe, expect, it } from 'vitest'
import { readBatch } from '#common/batch/index.ts'
import {
  compileIgnoreRules,
  DEFAULT_COMPARE_OPTIONS,
  type ComparedMessage,
} from '#common/compare/index.ts'
import type { ConnectionEvent } from '#common/contract/index.ts'
import { createSideFeed } from '../../../../../renderer/features/compare/compare-chunk.ts'
import { DiagonalPairs } from '../../../../../renderer/features/compare/diagonal-pairs.ts'
import { SideLog } from '../../../../../renderer/features/compare/side-log.ts'
import { LogBuffer } from '../../../../../renderer/features/message-log/log-buffer.ts'
import { batchOf } from '../../../../support/batches.ts'

/** A side of `count` text messages as the worker holds it, `data(i)` the i-th payload. */
function sideOf(count: number, data: (i: number) => string = (i) => `{"n":${i}}`): SideLog {
  const buffer = new LogBuffer(count + 10)
  const events: ConnectionEvent[] = Array.from({ length: count }, (_, i) => {
    const payload = data(i)
    const message = { seq: i + 1, ts: 1000 + i, direction: 'in', kind: 'text' } as const
    return { type: 'message', ...message, size: payload.length, data: payload }
  })
  buffer.appendBatch(readBatch(batchOf(events)), 'c1')
  const feed = createSideFeed(buffer, DEFAULT_COMPARE_OPTIONS)
  const side = new SideLog()
  for (let chunk = feed.next(); chunk !== null; chunk = feed.next()) side.add(chunk)
  return side
}

describe('a side as the compare worker holds it', () => {
  it('gives back the blocks of chunks wholly before a message, and still knows their times', () => {
    const side = sideOf(20_000)
    expect(side.release(0)).toEqual([]) // nothing wholly before the first message
    const given = side.release(15_000)
    expect(given.length).toBeGreaterThan(0)
    const kept = given.reduce((sum, block) => sum + block.count, 0)
    expect(kept).toBeLessThanOrEqual(15_000)
    expect(side.tsAt(0)).toBe(1000)
    expect(side.at(kept).seq).toBe(kept + 1) // the first message not given back reads
    expect(() => side.at(0)).toThrow(/released/)
    expect(side.release(15_000)).toEqual([]) // each block once
    expect(side.release(Infinity).length).toBeGreaterThan(0)
  })
})

describe('the n-th pairs, judged as messages arrive', () => {
  it('judges what both sides have and says nothing of other pairs', () => {
    const rules = compileIgnoreRules([])
    const left = sideOf(100)
    const right = sideOf(60, (i) => (i === 7 ? '{"n":"x"}' : `{ "n": ${i} }`))
    const diagonal = new DiagonalPairs()
    diagonal.advance(left, right, rules)
    expect(diagonal.judged).toBe(60)
    expect(diagonal.known(0, 0)).toBe(true) // equal as JSON, though the text differs
    expect(diagonal.known(7, 7)).toBe(false)
    expect(diagonal.known(59, 59)).toBe(true)
    expect(diagonal.known(60, 60)).toBeUndefined() // the right has no 61st yet
    expect(diagonal.known(3, 4)).toBeUndefined() // not an n-th pair
  })

  it('takes up where it left off as both sides grow', () => {
    const rules = compileIgnoreRules([])
    const messages = (count: number): ComparedMessage[] =>
      Array.from({ length: count }, (_, i) => {
        const data = String(i)
        return { seq: i + 1, ts: i, direction: 'in', kind: 'text', size: data.length, data }
      })
    const diagonal = new DiagonalPairs()
    const all = messages(3000)
    const log = (count: number) => ({
      length: count,
      at: (i: number) => all[i]!,
      tsAt: (i: number) => all[i]!.ts,
    })
    diagonal.advance(log(10), log(5), rules)
    expect(diagonal.judged).toBe(5)
    diagonal.advance(log(3000), log(2500), rules)
    expect(diagonal.judged).toBe(2500)
    expect(diagonal.known(2499, 2499)).toBe(true)
  })
})
