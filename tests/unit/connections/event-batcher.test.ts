import { describe, expect, it } from 'vitest'
import { eventsOf, readBatch, type BatchView } from '#common/batch/index.ts'
import type { Delivery } from '#common/contract/index.ts'

import type { Clock } from '../../../main/connections/environment.ts'
import { EventBatcher, type BatchingOptions } from '../../../main/connections/event-batcher.ts'

/** A clock whose time and timers move only when the test says so. */
function manualClock() {
  let now = 0
  const timers = new Map<number, { at: number; callback: () => void }>()
  let nextHandle = 1
  const clock: Clock = {
    now: () => now,
    monotonicMs: () => now,
    setTimeout(callback, ms) {
      timers.set(nextHandle, { at: now + ms, callback })
      return nextHandle++
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
    afterIo: (callback) => setImmediate(callback),
  }
  const advance = (ms: number): void => {
    now += ms
    for (const [handle, timer] of [...timers]) {
      if (timer.at <= now) {
        timers.delete(handle)
        timer.callback()
      }
    }
  }
  return { clock, advance }
}

const stats = () => ({ messagesIn: 0, messagesOut: 0, bytesIn: 0, bytesOut: 0, skipped: 0 })
/** Lets what waits for the I/O at hand run (the batcher sends to an idle view then). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve))
const seqs = (batch: BatchView) => eventsOf(batch).map((event) => event.seq)

function setup(delivery: Delivery = 'lossless', options: Partial<BatchingOptions> = {}) {
  const { clock, advance } = manualClock()
  const batches: BatchView[] = []
  const recorded: BatchView[] = []
  const source = { paused: false, pausable: true, pauses: 0 }
  let skipped = 0
  const batcher = new EventBatcher(
    'c1',
    // A row of one byte takes 30 B and a batch's header about 150: two rows fill a batch, and
    // four or five batches a window.
    { windowBytes: 1000, maxBatchBytes: 60, maxDelayMs: 16, ackTimeoutMs: 1000, ...options },
    delivery,
    clock,
    stats,
    {
      live: (bytes) => {
        batches.push(readBatch(bytes))
        return true
      },
      skipped: (count) => (skipped += count),
    },
  )
  batcher.setSource({
    pause() {
      if (!source.pausable) return false
      source.paused = true
      source.pauses++
      return true
    },
    resume() {
      source.paused = false
    },
  })
  batcher.setRecorder((bytes) => recorded.push(readBatch(bytes)))
  const add = (seq: number) =>
    batcher.addMessage(seq, seq, 1, 'text', 'in', 'x', { text: true, truncated: false })
  return { batcher, batches, recorded, source, add, advance, skipped: () => skipped }
}

describe('EventBatcher', () => {
  it('sends an idle view what arrived in the same turn at once, lifecycle events in order', async () => {
    const { batcher, batches, add } = setup()
    batcher.addEvent({ type: 'connecting', seq: 1, ts: 0, attempt: 1, url: 'ws://h' })
    add(2)
    await settle()
    expect(batches).toHaveLength(1)
    expect(batches[0]).toMatchObject({ connectionId: 'c1', batch: 1, skipped: 0, count: 1 })
    expect(seqs(batches[0]!)).toEqual([1, 2])
  })

  it('gathers rows for a busy view until the batch is full or the delay is up', async () => {
    const { batches, add, advance } = setup()
    add(1)
    await settle() // batch 1 leaves: the view is busy with it until it acknowledges
    add(2)
    await settle()
    expect(batches).toHaveLength(1)
    advance(16)
    expect(batches.map(seqs)).toEqual([[1], [2]])
    add(3)
    add(4) // full
    expect(batches.map(seqs)).toEqual([[1], [2], [3, 4]])
  })

  it('lossless: pauses the source a window behind, and sends everything once the view catches up', async () => {
    const { batcher, batches, source, add, advance } = setup('lossless')
    add(1)
    await settle()
    for (let seq = 2; seq <= 16; seq++) add(seq)
    advance(16)
    expect(source.paused).toBe(true)
    const sent = batches.length
    for (let seq = 17; seq <= 20; seq++) add(seq) // what the source had read before it paused
    advance(16)
    expect(batches).toHaveLength(sent)
    for (const batch of batches) batcher.ack(batch.batch)
    expect(source.paused).toBe(false)
    advance(16)
    expect(batches.flatMap(seqs)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
    expect(batches.at(-1)!.throttled).toBe(true)
  })

  it('sampling: leaves rows out a window behind, counts them, and still records them', async () => {
    const { batcher, batches, recorded, source, add, advance, skipped } = setup('sampling')
    add(1)
    await settle()
    for (let seq = 2; seq <= 16; seq++) add(seq)
    batcher.addEvent({ type: 'close', seq: 17, ts: 17, code: 1000, reason: '', clean: true })
    advance(16)
    expect(source.pauses).toBe(0)
    expect(skipped()).toBeGreaterThan(0)
    const shown = batches.flatMap(seqs)
    expect(shown).toContain(17) // lifecycle events are never left out
    expect(shown.length + skipped()).toBe(17)
    for (const batch of batches) batcher.ack(batch.batch)
    add(18)
    await settle()
    expect(seqs(batches.at(-1)!)).toEqual([18])
    expect(batches.reduce((sum, batch) => sum + batch.skipped, 0)).toBe(skipped())
    expect(recorded.flatMap(seqs)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1))
  })

  it('skips rows when the source cannot pause', async () => {
    const { batches, source, add, advance, skipped } = setup('lossless')
    source.pausable = false
    add(1)
    await settle()
    for (let seq = 2; seq <= 16; seq++) add(seq)
    advance(16)
    expect(skipped()).toBeGreaterThan(0)
    expect(batches.flatMap(seqs).length + skipped()).toBe(16)
  })

  it('stops counting a batch no one acknowledged for ackTimeoutMs', async () => {
    const { batches, source, add, advance } = setup('lossless')
    add(1)
    await settle()
    for (let seq = 2; seq <= 16; seq++) add(seq)
    advance(16)
    expect(source.paused).toBe(true)
    advance(1001)
    expect(source.paused).toBe(false)
    advance(16)
    expect(batches.flatMap(seqs)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1))
  })

  it('sends everything at once when forced (the connection is over)', async () => {
    const { batcher, batches, add, advance } = setup('lossless')
    add(1)
    await settle()
    for (let seq = 2; seq <= 16; seq++) add(seq)
    advance(16)
    batcher.flush(true)
    expect(batches.flatMap(seqs)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1))
  })
})
