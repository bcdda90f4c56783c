import { describe, expect, it } from 'vitest'
import { readBatch } from '#common/batch/index.ts'
import { DEFAULT_COMPARE_OPTIONS, type ComparedMessage } from '#common/compare/index.ts'
import type { ConnectionEvent } from '#common/contract/index.ts'
import {
  createSideFeed,
  decodeChunk,
  encodeChunk,
  transferablesOf,
  transferablesOfSide,
} from '../../../../../renderer/features/compare/compare-chunk.ts'
import { SideLog } from '../../../../../renderer/features/compare/side-log.ts'
import { LogBuffer } from '../../../../../renderer/features/message-log/log-buffer.ts'
import type { LogRow } from '../../../../../renderer/features/message-log/log-row.ts'
import { batchOf } from '../../../../support/batches.ts'

const messages: ComparedMessage[] = [
  { seq: 1, ts: 1_700_000_000_000.25, size: 7, kind: 'text', direction: 'in', data: '{"a":1}' },
  { seq: 2, ts: 1_700_000_000_001, size: 3, kind: 'binary', direction: 'out', base64: 'AAEC' },
  {
    seq: 3,
    ts: 1_700_000_000_002,
    size: 11,
    kind: 'sse-event',
    direction: 'in',
    data: 'héllo 🌍',
    event: 'tick',
    id: '42',
    lastEventId: '42',
  },
  { seq: 4, ts: 1_700_000_000_003, size: 0, kind: 'ping', direction: 'out' },
  { seq: 5, ts: 1_700_000_000_004, size: 0, kind: 'text', direction: 'in', data: '' },
  { seq: 6, ts: 1_700_000_000_005, size: 0, kind: 'sse-retry', direction: 'in', data: '3000' },
]

describe('a chunk of messages as columns', () => {
  it('decodes to the messages it was made of, absent fields left absent', () => {
    const decoded: ComparedMessage[] = []
    decodeChunk(encodeChunk(messages), decoded)
    expect(decoded).toEqual(messages)
    expect('data' in decoded[3]!).toBe(false)
    expect(decoded[4]!.data).toBe('')
  })

  it('crosses a structured clone with its buffers transferred', () => {
    const chunk = encodeChunk(messages)
    const copy = structuredClone(chunk, { transfer: transferablesOf(chunk) })
    expect(chunk.seq.byteLength).toBe(0) // moved, not copied
    const decoded: ComparedMessage[] = [messages[0]!]
    decodeChunk(copy, decoded)
    expect(decoded.slice(1)).toEqual(messages)
  })

  it('holds an empty chunk', () => {
    const decoded: ComparedMessage[] = []
    decodeChunk(encodeChunk([]), decoded)
    expect(decoded).toEqual([])
  })
})

describe('a side feed over a log', () => {
  const events: ConnectionEvent[] = [
    { type: 'connecting', seq: 1, ts: 1, attempt: 1, url: 'ws://h' },
    { type: 'message', seq: 2, ts: 2, direction: 'in', kind: 'text', size: 1, data: 'a' },
    { type: 'message', seq: 3, ts: 3, direction: 'out', kind: 'text', size: 1, data: 'b' },
    {
      type: 'message',
      seq: 4,
      ts: 4,
      direction: 'in',
      kind: 'sse-event',
      size: 1,
      data: 'c',
      event: 'tick',
      id: '7',
    },
    { type: 'message', seq: 5, ts: 5, direction: 'in', kind: 'ping', size: 0, data: '' },
  ]

  function feedOver(buffer: LogBuffer, directions: ('in' | 'out')[]) {
    return createSideFeed(buffer, {
      ...DEFAULT_COMPARE_OPTIONS,
      directions,
      kinds: ['text', 'sse-event'],
    })
  }

  it('takes the messages the filters let through, in order, decoded in the worker’s way', () => {
    const buffer = new LogBuffer(100, { budgetBytes: 64 * 1024 })
    buffer.appendBatch(readBatch(batchOf(events)), 'c1')
    // A message too large for the byte queue is kept whole: it still falls in place.
    buffer.append([{ ...events[1]!, seq: 6, ts: 6, data: 'x'.repeat(9000), size: 9000 } as LogRow])
    buffer.append([{ type: 'skipped', ts: 7, count: 3 }])
    buffer.append([{ ...events[1]!, seq: 8, ts: 8, data: 'z' } as LogRow])
    const feed = feedOver(buffer, ['in'])
    const held = new SideLog()
    for (let chunk = feed.next(); chunk !== null; chunk = feed.next()) {
      held.add(structuredClone(chunk, { transfer: transferablesOfSide(chunk) }))
    }
    const decoded = Array.from({ length: held.length }, (_, i) => held.at(i))
    expect(decoded.map((message) => message.seq)).toEqual([2, 4, 6, 8])
    expect([0, 1, 2, 3].map((i) => held.tsAt(i))).toEqual([2, 4, 6, 8])
    expect(decoded[1]).toMatchObject({ kind: 'sse-event', data: 'c', event: 'tick', id: '7' })
    expect(decoded[2]!.data).toHaveLength(9000)
    expect(feed.skipped()).toBe(3)
    // The view reads the same messages by position, from the log.
    expect(feed.read.length).toBe(4)
    expect([0, 1, 2, 3].map((i) => feed.read.at(i)?.seq)).toEqual([2, 4, 6, 8])
    expect(feed.read.at(4)).toBeUndefined()
  })

  it('reads in chunks, each message once, found by position across them', () => {
    const buffer = new LogBuffer(100_000)
    const many: ConnectionEvent[] = Array.from({ length: 40_000 }, (_, i) => ({
      ...events[1]!,
      seq: i + 1,
      ts: 1000 + i,
    }))
    buffer.appendBatch(readBatch(batchOf(many)), 'c1')
    const feed = feedOver(buffer, ['in', 'out'])
    const held = new SideLog()
    const sizes: number[] = []
    for (let chunk = feed.next(); chunk !== null; chunk = feed.next()) {
      sizes.push(chunk.take.length)
      held.add(chunk)
    }
    // A small first chunk (the worker's first look), then large ones.
    expect(sizes.length).toBeGreaterThan(2)
    expect(sizes[0]).toBeLessThan(sizes[1]!)
    expect(held.length).toBe(40_000)
    // Read out of order: the last, the first, one on each side of a seam between chunks.
    const seam = sizes[0]!
    for (const i of [39_999, 0, seam, seam - 1, 20_000])
      expect([held.at(i).seq, held.tsAt(i)]).toEqual([i + 1, 1000 + i])
  })
})
