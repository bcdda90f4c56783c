import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SEGMENT_BYTES } from '../../../../../renderer/features/message-log/byte-queue.ts'
import {
  createSegmentSupply,
  touchedSegments,
  type SegmentWorker,
} from '../../../../../renderer/features/message-log/segment-supply.ts'

/** The worker's side, run here: answers each order when `answer` is called. */
function standIn(): SegmentWorker & { orders: number[]; answer(): void } {
  const pending: number[] = []
  const worker: SegmentWorker & { orders: number[]; answer(): void } = {
    orders: [],
    onmessage: null,
    postMessage(count) {
      this.orders.push(count)
      pending.push(count)
    },
    answer() {
      for (const count of pending.splice(0))
        worker.onmessage!({ data: touchedSegments(count) } as MessageEvent<ArrayBuffer[]>)
    },
  }
  return worker
}

describe('createSegmentSupply', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('orders a stock on the first take and hands it out as logs take from it', () => {
    const worker = standIn()
    const supply = createSegmentSupply(() => worker, { stock: 8 })
    expect(supply.take()).toBeNull() // nothing ready yet: the log allocates its own
    expect(worker.orders).toEqual([8])
    worker.answer()
    const taken = Array.from({ length: 4 }, () => supply.take())
    expect(taken.every((segment) => segment?.byteLength === SEGMENT_BYTES)).toBe(true)
    expect(new Set(taken).size).toBe(4)
    // Down to half the stock: the rest is ordered in one message.
    expect(worker.orders).toEqual([8, 4])
  })

  it('lets the stock go once no log has taken from it for a while, and orders again after', () => {
    const worker = standIn()
    const supply = createSegmentSupply(() => worker, { stock: 8, idleMs: 250 })
    supply.take()
    worker.answer()
    vi.advanceTimersByTime(300)
    expect(supply.take()).toBeNull()
    expect(worker.orders).toEqual([8, 8])
  })

  it('lets go of segments that arrive after the logs stopped growing', () => {
    const worker = standIn()
    const supply = createSegmentSupply(() => worker, { stock: 8, idleMs: 250 })
    supply.take()
    vi.advanceTimersByTime(300)
    worker.answer() // late
    vi.advanceTimersByTime(300)
    expect(supply.take()).toBeNull()
  })

  it('has nothing, and says nothing, where no worker can start', () => {
    const supply = createSegmentSupply(() => {
      throw new ReferenceError('Worker is not defined')
    })
    expect(supply.take()).toBeNull()
    expect(supply.take()).toBeNull()
  })
})

describe('touchedSegments', () => {
  it('makes segments of the queue’s size, zeroed', () => {
    const segments = touchedSegments(3)
    expect(segments.map((segment) => segment.byteLength)).toEqual(Array(3).fill(SEGMENT_BYTES))
    expect(new Uint8Array(segments[0]!).every((byte) => byte === 0)).toBe(true)
  })
})
