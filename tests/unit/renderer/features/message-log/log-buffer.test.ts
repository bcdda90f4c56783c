import { describe, expect, it } from 'vitest'
import type { ConnectionEvent, MessageEvent } from '#common/contract/index.ts'
import { NOT_IN_BLOCK, compileBlockSearch, readBatch } from '#common/batch/index.ts'
import { LogBuffer } from '../../../../../renderer/features/message-log/log-buffer.ts'
import { batchOf } from '../../../../support/batches.ts'

const message = (seq: number): MessageEvent => ({
  type: 'message',
  seq,
  ts: seq * 10,
  direction: 'in',
  kind: 'text',
  size: 1,
  data: `m${seq}`,
})

describe('LogBuffer', () => {
  it('keeps the newest rows up to its capacity, addressed by absolute number', () => {
    const buffer = new LogBuffer(3)
    buffer.append([1, 2, 3, 4, 5].map(message), 'c1')
    expect({
      total: buffer.total,
      first: buffer.first,
      size: buffer.size,
      dropped: buffer.dropped,
    }).toEqual({ total: 5, first: 2, size: 3, dropped: 2 })
    expect(buffer.row(1)).toBeUndefined()
    expect(buffer.row(2)).toMatchObject({ seq: 3 })
    expect([...buffer.rows()].map((row) => (row.type === 'message' ? row.seq : 0))).toEqual([
      3, 4, 5,
    ])
    expect(buffer.connectionIdOf(4)).toBe('c1')
  })

  it('measures "since connect" from the latest connecting event', () => {
    const buffer = new LogBuffer(10)
    buffer.append([{ type: 'connecting', seq: 1, ts: 100, attempt: 1, url: 'ws://h' }, message(2)])
    buffer.append([{ type: 'connecting', seq: 3, ts: 500, attempt: 2, url: 'ws://h' }, message(4)])
    expect(buffer.connectTsOf(1)).toBe(100)
    expect(buffer.connectTsOf(3)).toBe(500)
  })

  it('keeps the newest rows when resized', () => {
    const buffer = new LogBuffer(5)
    buffer.append([1, 2, 3, 4, 5].map(message), 'c1')
    const smaller = buffer.resized(2)
    expect([...smaller.rows()].map((row) => (row.type === 'message' ? row.seq : 0))).toEqual([4, 5])
    expect(smaller.connectionIdOf(1)).toBe('c1')
  })

  it('starts over when cleared', () => {
    const buffer = new LogBuffer(5)
    buffer.append([message(1)])
    buffer.clear()
    expect(buffer.size).toBe(0)
    expect(buffer.total).toBe(0)
  })

  it('holds a batch as the host sent it, and gives back the same events', () => {
    const events: ConnectionEvent[] = [
      { type: 'connecting', seq: 1, ts: 5, attempt: 1, url: 'ws://h' },
      message(2),
      { ...message(3), kind: 'binary', data: undefined, base64: 'AAEC/w==', size: 4 },
      {
        type: 'message',
        seq: 4,
        ts: 40,
        direction: 'in',
        kind: 'sse-event',
        size: 3,
        data: 'hé',
        event: 'tick',
        id: '7',
        lastEventId: '7',
      },
      { ...message(5), size: 100_000, data: 'preview', truncated: true },
      { type: 'close', seq: 6, ts: 60, code: 1000, reason: 'bye', clean: true },
    ]
    const buffer = new LogBuffer(100)
    buffer.appendBatch(readBatch(batchOf(events)), 'c9')
    expect([...buffer.rows()]).toEqual(events)
    expect(buffer.row(3)).toEqual(events[3])
    expect(buffer.connectionIdOf(4)).toBe('c9')
    expect(buffer.connectTsOf(4)).toBe(5)
    expect([0, 1, 2, 3].map((n) => buffer.filterKindOf(n))).toEqual([
      'lifecycle',
      'text',
      'binary',
      'sse-event',
    ])
    expect(buffer.directionOf(0)).toBe('lifecycle')
  })

  it('holds rows given as objects as a batch would bring them, whatever their size', () => {
    const sse = (seq: number, data: string): ConnectionEvent => ({
      type: 'message',
      seq,
      ts: seq * 10,
      direction: 'in',
      kind: 'sse-event',
      size: new TextEncoder().encode(data).length,
      data,
      event: 'tick',
      id: String(seq),
    })
    const events: ConnectionEvent[] = [
      { type: 'connecting', seq: 1, ts: 5, attempt: 1, url: 'ws://h' },
      sse(2, 'hé'),
      { ...message(3), kind: 'binary', data: undefined, base64: 'AAEC/w==', size: 4 },
      sse(4, 'ü'.repeat(3_000_000)), // more than the rows' scratch buffer takes
      sse(5, 'after'),
      { ...message(6), data: '' },
    ]
    const buffer = new LogBuffer(100, { budgetBytes: 64 * 1024 * 1024 })
    buffer.append(events, 'c1')
    expect([...buffer.rows()]).toEqual(events)
  })

  it('lets the oldest rows go to stay within its byte budget, keeping every row it holds whole', () => {
    // 16 KiB of payload at most: 100 rows of 1 KiB cannot all stay.
    const buffer = new LogBuffer(1000, { budgetBytes: 16 * 1024 })
    const payload = (seq: number) => `${String(seq).padStart(4, '0')}${'x'.repeat(1020)}`
    for (let seq = 1; seq <= 100; seq++)
      buffer.append([{ ...message(seq), size: 1024, data: payload(seq) }])
    expect(buffer.total).toBe(100)
    expect(buffer.size).toBeLessThanOrEqual(16)
    expect(buffer.size).toBeGreaterThanOrEqual(14)
    for (let n = buffer.first; n < buffer.total; n++)
      expect(buffer.row(n)).toMatchObject({ seq: n + 1, data: payload(n + 1) })
  })

  it('grows its columns and its bytes as rows come, up to the capacity', () => {
    const buffer = new LogBuffer(5000)
    for (let seq = 1; seq <= 4000; seq++)
      buffer.append([{ ...message(seq), data: 'y'.repeat(seq % 300) }])
    expect(buffer.size).toBe(4000)
    expect(buffer.row(0)).toMatchObject({ seq: 1, data: 'y' })
    expect(buffer.row(3999)).toMatchObject({ seq: 4000, data: 'y'.repeat(4000 % 300) })
  })
})

describe('LogBuffer, beyond its byte queue', () => {
  it('keeps a row bigger than the queue takes as it is', () => {
    const buffer = new LogBuffer(10, { budgetBytes: 16 * 1024 })
    const big = { ...message(1), size: 100_000, data: 'z'.repeat(100_000) }
    buffer.append([big, message(2)])
    expect(buffer.row(0)).toEqual(big)
    expect(buffer.filterKindOf(0)).toBe('text')
    expect(buffer.row(1)).toMatchObject({ seq: 2 })
  })

  it('holds an empty message that starts a segment of the queue', () => {
    const buffer = new LogBuffer(10)
    buffer.append([{ ...message(1), size: 65_536, data: 'x'.repeat(65_536) }])
    buffer.append([{ ...message(2), size: 0, data: '' }])
    expect(buffer.row(1)).toMatchObject({ seq: 2, data: '' })
  })

  it('reads rows whose bytes cross from one segment of the queue to the next', () => {
    const buffer = new LogBuffer(10_000, { budgetBytes: 150_000 })
    for (let seq = 1; seq <= 3000; seq++)
      buffer.append([{ ...message(seq), size: 99, data: `${seq}`.padEnd(99, '.') }])
    expect(buffer.first).toBeGreaterThan(0) // the budget let some go
    for (let n = buffer.first; n < buffer.total; n++)
      expect(buffer.row(n)).toMatchObject({ seq: n + 1, data: `${n + 1}`.padEnd(99, '.') })
    expect(buffer.size).toBeGreaterThan(1400)
  })
})

describe('LogBuffer.appendBatch, message rows alone', () => {
  const text = (seq: number, data: string): MessageEvent => ({
    type: 'message',
    seq,
    ts: seq,
    direction: 'in',
    kind: 'text',
    size: new TextEncoder().encode(data).length,
    data,
  })

  it('keeps every row of many batches, through the queue growing and letting bytes go', () => {
    const buffer = new LogBuffer(300, { budgetBytes: 8192 })
    const sent: MessageEvent[] = []
    for (let batch = 0; batch < 50; batch++) {
      const rows = Array.from({ length: 10 }, (_, i) =>
        text(batch * 10 + i + 1, `é${batch}-${i}`.repeat(3)),
      )
      sent.push(...rows)
      buffer.appendBatch(readBatch(batchOf(rows)), 'c1')
    }
    expect(buffer.total).toBe(500)
    const held = [...buffer.rows()]
    expect(held).toEqual(sent.slice(buffer.first))
    expect(held.length).toBeGreaterThan(100)
  })

  it('keeps a preview with its true size, and the newest rows of a batch larger than the log', () => {
    const buffer = new LogBuffer(3)
    const preview = { ...text(1, 'abc'), size: 100_000, truncated: true }
    buffer.appendBatch(readBatch(batchOf([preview])), 'c1')
    expect(buffer.row(0)).toEqual(preview)
    buffer.appendBatch(readBatch(batchOf([2, 3, 4, 5, 6].map((seq) => text(seq, `m${seq}`)))), 'c1')
    expect([...buffer.rows()].map((row) => (row.type === 'message' ? row.data : ''))).toEqual([
      'm4',
      'm5',
      'm6',
    ])
  })
})

describe('LogBuffer, growing after letting rows go', () => {
  it('keeps rows in place when its columns grow after the byte budget let old ones go', () => {
    const buffer = new LogBuffer(100_000, { budgetBytes: 1 << 20 })
    for (let seq = 1; seq <= 30_000; seq++)
      buffer.append([{ ...message(seq), size: 100, data: `${seq}`.padEnd(100, '-') }])
    expect(buffer.first).toBeGreaterThan(0) // the budget let some go
    for (const n of [
      buffer.first,
      buffer.first + 1,
      (buffer.first + buffer.total) >> 1,
      buffer.total - 1,
    ])
      expect(buffer.row(n)).toMatchObject({ seq: n + 1, data: `${n + 1}`.padEnd(100, '-') })
  })
})

describe('LogBuffer.exportBlock', () => {
  it('writes over a spare block where it is large enough', () => {
    const buffer = new LogBuffer(100)
    buffer.append([1, 2, 3, 4].map(message))
    const limit = { rows: 2, bytes: 1024 }
    const spare = buffer.exportBlock(0, 2, limit).block
    const next = buffer.exportBlock(2, 4, limit, spare)
    expect(next.block.bytes.buffer).toBe(spare.bytes.buffer)
    expect(new TextDecoder().decode(next.block.bytes)).toBe('m3m4')
    // Too small a spare: a new one.
    const larger = buffer.exportBlock(0, 4, { rows: 4, bytes: 2048 }, spare)
    expect(larger.block.starts.buffer).not.toBe(spare.starts.buffer)
    expect(larger.block.count).toBe(4)
  })

  it('copies the rows out as one block, the rows kept as objects marked and listed apart', () => {
    const events: ConnectionEvent[] = [
      { type: 'connecting', seq: 1, ts: 5, attempt: 1, url: 'ws://h' },
      message(2),
      { ...message(3), direction: 'out' },
      { ...message(4), kind: 'sse-event', data: 'é', size: 2, event: 'tick', id: '9' },
      { ...message(5), size: 100_000, data: 'preview', truncated: true },
      message(6),
    ]
    // A small budget: message 7 is kept whole, as an object.
    const buffer = new LogBuffer(100, { budgetBytes: 64 * 1024 })
    buffer.appendBatch(readBatch(batchOf(events)), 'c1')
    buffer.append([{ ...message(7), data: 'x'.repeat(9000), size: 9000 }])
    const { first, block, others, next } = buffer.exportBlock(0, 7, { rows: 100, bytes: 1 << 20 })
    expect(first).toBe(0)
    expect(next).toBe(7)
    expect(others).toEqual([0, 6])
    expect(block.lengths[0]).toBe(NOT_IN_BLOCK)
    expect(block.lengths[6]).toBe(NOT_IN_BLOCK)
    const text = (i: number) =>
      new TextDecoder().decode(
        block.bytes.subarray(block.starts[i], block.starts[i]! + block.lengths[i]!),
      )
    expect([1, 2, 3, 4, 5].map(text)).toEqual([
      message(2).data,
      message(3).data,
      'é',
      'preview',
      message(6).data,
    ])
    // The SSE row's fields follow its payload.
    const sse = new TextDecoder().decode(
      block.bytes.subarray(block.starts[3]! + 2, block.starts[4]),
    )
    expect(JSON.parse(sse)).toEqual(['tick', '9', null, null])
    expect(compileBlockSearch({ text: 'tick', regex: false })(block)).toEqual([3])
    // At most maxRows: the next call goes on from `next`.
    const part = buffer.exportBlock(1, 7, { rows: 2, bytes: 1 << 20 })
    expect([part.first, part.block.count, part.next]).toEqual([1, 2, 3])
    expect(buffer.exportBlock(part.next, 7, { rows: 2, bytes: 1 << 20 }).first).toBe(3)
    // At most about `bytes`, and at least one row.
    expect(buffer.exportBlock(1, 7, { rows: 100, bytes: 5 }).block.count).toBe(2)
    expect(buffer.exportBlock(1, 7, { rows: 100, bytes: 1 }).block.count).toBe(1)
  })

  it('reads across the byte queue’s segments and past rows let go', () => {
    const buffer = new LogBuffer(10, { budgetBytes: 64 * 1024 })
    for (let seq = 1; seq <= 25; seq++)
      buffer.append([{ ...message(seq), data: `row ${seq}`.padEnd(5000, '.'), size: 5000 }])
    const { first, block } = buffer.exportBlock(0, buffer.total, { rows: 100, bytes: 1 << 20 })
    expect(first).toBe(buffer.first)
    const heads = Array.from({ length: block.count }, (_, i) =>
      new TextDecoder().decode(block.bytes.subarray(block.starts[i], block.starts[i]! + 8)).trim(),
    )
    expect(heads).toEqual(
      Array.from({ length: block.count }, (_, i) => `row ${first + i + 1}`.padEnd(8, '.').trim()),
    )
    // The columns too, where the rows held wrap around the end of the buffer's ring.
    const seqs = Array.from({ length: block.count }, (_, i) => first + i + 1)
    expect([...block.seq]).toEqual(seqs)
    expect([...block.ts]).toEqual(seqs.map((seq) => seq * 10))
    expect([...block.lengths]).toEqual(seqs.map(() => 5000))
  })
})
