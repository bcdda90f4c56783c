import { describe, expect, it } from 'vitest'
import { readBatch } from '#common/batch/index.ts'
import {
  compareLogs,
  compileIgnoreRules,
  DEFAULT_COMPARE_OPTIONS,
  logOfMessages,
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

describe('texts read where the side holds them', () => {
  const message = { seq: 1, ts: 1000, direction: 'in' } as const
  const events: ConnectionEvent[] = [
    { type: 'message', ...message, kind: 'text', size: 7, data: '{"a":1}' },
    { type: 'message', ...message, kind: 'sse-event', size: 7, data: '{"a":2}', event: 'tick' },
    { type: 'message', ...message, kind: 'sse-event', size: 7, data: '{"a":3}' },
    { type: 'message', ...message, kind: 'binary', size: 3, base64: 'AAEC' },
    { type: 'message', ...message, kind: 'ping', size: 2, data: 'hi' },
  ]

  it('gives the bytes of a text payload that compares as a text message, and no other', () => {
    const buffer = new LogBuffer(10)
    buffer.appendBatch(readBatch(batchOf(events)), 'c1')
    const options = { ...DEFAULT_COMPARE_OPTIONS, kinds: ['text', 'binary', 'sse-event', 'ping'] }
    const feed = createSideFeed(buffer, options as typeof DEFAULT_COMPARE_OPTIONS)
    const side = new SideLog()
    for (let chunk = feed.next(); chunk !== null; chunk = feed.next()) side.add(chunk)
    const into = { bytes: new Uint8Array(0), from: 0, to: 0 }
    const read = (i: number) =>
      side.textAt(i, into)
        ? new TextDecoder().decode(into.bytes.subarray(into.from, into.to))
        : null
    expect([0, 1, 2, 3, 4].map(read)).toEqual(['{"a":1}', null, '{"a":3}', null, null])
  })

  it('judges and keys pairs from the bytes as from the messages decoded', () => {
    const payloads = ['{"k":1,"v":1}', '{"k":2,"v":"x"}', '{"v":3,"k":3}', '{"k":4,"k":5}', 'text']
    const variants = ['{"k":1,"v":1.0}', '{"k":2,"v":"y"}', '{"k":3,"v":3}', '{"k":5}', 'text!']
    const left = sideOf(500, (i) => payloads[i % 5]!)
    const right = sideOf(500, (i) => (i % 3 === 0 ? variants[i % 5]! : payloads[i % 5]!))
    const decoded = (side: SideLog) =>
      logOfMessages(Array.from({ length: side.length }, (_, i) => side.at(i)))
    for (const options of [
      DEFAULT_COMPARE_OPTIONS,
      { ...DEFAULT_COMPARE_OPTIONS, align: 'key' as const, keyLeft: '$.k', keyRight: '$.k' },
      { ...DEFAULT_COMPARE_OPTIONS, ignore: ['$.v'] },
    ]) {
      const fromBytes = compareLogs(
        { messages: left, skipped: 0 },
        { messages: right, skipped: 0 },
        options,
      )
      const fromMessages = compareLogs(
        { messages: decoded(left), skipped: 0 },
        { messages: decoded(right), skipped: 0 },
        options,
      )
      expect(fromBytes.summary, options.align).toEqual(fromMessages.summary)
      expect(fromBytes.pairs.status, options.align).toEqual(fromMessages.pairs.status)
      expect(fromBytes.summary.changed, options.align).toBeGreaterThan(0)
    }
  })
})
