import { describe, expect, it } from 'vitest'
import type { ConnectionEvent } from '#common/contract/index.ts'
import { LogBuffer } from '../../../../../renderer/features/message-log/log-buffer.ts'

const message = (seq: number): ConnectionEvent => ({
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
})
