import { describe, expect, it } from 'vitest'
import {
  ByteQueue,
  SEGMENT_BYTES,
  type SegmentSupply,
} from '../../../../../renderer/features/message-log/byte-queue.ts'

const bytes = (from: number, length: number) =>
  Uint8Array.from({ length }, (_, i) => (from + i) & 0xff)

/** A supply that hands out segments and counts them. */
function countingSupply(): SegmentSupply & { taken: number } {
  return {
    taken: 0,
    take() {
      this.taken++
      return new ArrayBuffer(SEGMENT_BYTES)
    },
  }
}

describe('ByteQueue', () => {
  it('reads back runs that cross from one segment to the next, whole or in parts', () => {
    const queue = new ByteQueue(1 << 20)
    const first = bytes(0, SEGMENT_BYTES - 10)
    const crossing = bytes(3, 30)
    const long = bytes(7, 2 * SEGMENT_BYTES + 5)
    queue.write(first)
    const at = queue.head
    queue.write(crossing)
    const longAt = queue.head
    queue.write(long)
    expect([...queue.read(0, first.length)]).toEqual([...first])
    expect([...queue.read(at, 30)]).toEqual([...crossing])
    expect(queue.read(longAt, long.length)).toEqual(long)
    const target = new Uint8Array(40).fill(9)
    queue.copyTo(at, 30, target, 5)
    expect([...target]).toEqual([...Array(5).fill(9), ...crossing, ...Array(5).fill(9)])
    expect(queue.used).toBe(first.length + 30 + long.length)
  })

  it('uses the segments it let go again before taking new ones, and no position moves', () => {
    const supply = countingSupply()
    const queue = new ByteQueue(1 << 20, supply)
    const runs: { at: number; length: number; from: number }[] = []
    for (let i = 0; i < 3 * 64; i++) {
      runs.push({ at: queue.head, length: 1024, from: i })
      queue.write(bytes(i, 1024))
    }
    expect(supply.taken).toBe(3)
    queue.release(runs[2 * 64]!.at) // the first two segments
    for (let i = 0; i < 2 * 64; i++) {
      runs.push({ at: queue.head, length: 1024, from: 1000 + i })
      queue.write(bytes(1000 + i, 1024))
    }
    expect(supply.taken).toBe(3)
    for (const run of runs.slice(2 * 64))
      expect(queue.read(run.at, run.length)).toEqual(bytes(run.from, run.length))
  })

  it('allocates its own segments where the supply has none', () => {
    const queue = new ByteQueue(1 << 20, { take: () => null })
    queue.write(bytes(1, 3 * SEGMENT_BYTES))
    expect(queue.read(0, 3 * SEGMENT_BYTES)).toEqual(bytes(1, 3 * SEGMENT_BYTES))
  })

  it('goes on past position 2^32: positions wrap, distances and reads stay right', () => {
    const queue = new ByteQueue(4 << 20)
    const chunk = new Uint8Array(1 << 20)
    // 4 GiB written a MiB at a time, each let go once the next is in.
    for (let i = 0; i < 4096 - 1; i++) {
      const at = queue.head
      queue.write(chunk)
      queue.release(at)
    }
    const before = queue.head
    expect(before).toBe(2 ** 32 - (1 << 20))
    queue.write(bytes(5, 1 << 20)) // ends exactly at 2^32
    queue.write(bytes(9, 1000)) // starts at position 0 again
    expect(queue.head).toBe(1000)
    expect((queue.head - before) >>> 0).toBe((1 << 20) + 1000)
    expect(queue.read(before, 1 << 20)).toEqual(bytes(5, 1 << 20))
    expect(queue.read(0, 1000)).toEqual(bytes(9, 1000))
  })

  it('reads an empty run at a segment’s end, where no segment is yet', () => {
    const queue = new ByteQueue(1 << 20)
    queue.write(bytes(0, SEGMENT_BYTES))
    expect(queue.read(queue.head, 0)).toEqual(new Uint8Array(0))
    queue.releaseAll()
    expect(queue.read(queue.head, 0)).toEqual(new Uint8Array(0))
  })

  it('fits no more than its budget', () => {
    const queue = new ByteQueue(2048)
    expect(queue.fits(2048)).toBe(true)
    queue.write(bytes(0, 2000))
    expect(queue.fits(48)).toBe(true)
    expect(queue.fits(49)).toBe(false)
    queue.release(1000)
    expect(queue.fits(1048)).toBe(true)
  })

  it('starts again at position 0 once cleared', () => {
    const queue = new ByteQueue(1 << 20)
    queue.write(bytes(0, 100_000))
    queue.clear()
    expect(queue.head).toBe(0)
    expect(queue.used).toBe(0)
    queue.write(bytes(4, 70_000))
    expect(queue.read(0, 70_000)).toEqual(bytes(4, 70_000))
  })
})
