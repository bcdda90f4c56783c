import { describe, expect, it } from 'vitest'
import type { MessageBatch } from '#common/contract/index.ts'

import type { Clock } from '../../../main/connections/environment.ts'
import { EventBatcher } from '../../../main/connections/event-batcher.ts'

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
const message = (seq: number) =>
  ({ type: 'message', seq, ts: seq, direction: 'in', kind: 'text', size: 1, data: 'x' }) as const

function setup(options: Partial<ConstructorParameters<typeof EventBatcher>[1]> = {}) {
  const { clock, advance } = manualClock()
  const batches: MessageBatch[] = []
  const batcher = new EventBatcher(
    'c1',
    { flushMs: 16, maxEvents: 3, maxUnackedBatches: 2, ackTimeoutMs: 1000, ...options },
    clock,
    stats,
    (json) => batches.push(json.parse()),
  )
  return { batcher, batches, advance }
}

describe('EventBatcher', () => {
  it('flushes one frame after the first event, as JSON lines', () => {
    const { batcher, batches, advance } = setup()
    batcher.push(message(1))
    batcher.push(message(2))
    advance(15)
    expect(batches).toEqual([])
    advance(1)
    expect(batches).toHaveLength(1)
    expect(batches[0]).toMatchObject({ connectionId: 'c1', batch: 1, skipped: 0 })
    expect(batches[0]!.events.map((event) => event.seq)).toEqual([1, 2])
  })

  it('flushes at once when a batch is full', () => {
    const { batcher, batches } = setup()
    for (let seq = 1; seq <= 3; seq++) batcher.push(message(seq))
    expect(batches.map((batch) => batch.events.length)).toEqual([3])
  })

  it('stops accepting while too many batches are unacknowledged, and reports what it skipped', () => {
    const { batcher, batches, advance } = setup()
    for (let seq = 1; seq <= 6; seq++) batcher.push(message(seq))
    expect(batches).toHaveLength(2)
    expect(batcher.accepting).toBe(false)
    batcher.skip()
    batcher.skip()
    batcher.ack(1)
    expect(batcher.accepting).toBe(true)
    advance(16)
    expect(batches.at(-1)).toMatchObject({ batch: 3, events: [], skipped: 2 })
  })

  it('forgets a batch no one acknowledged for ackTimeoutMs', () => {
    const { batcher, advance } = setup()
    for (let seq = 1; seq <= 6; seq++) batcher.push(message(seq))
    expect(batcher.accepting).toBe(false)
    advance(1001)
    expect(batcher.accepting).toBe(true)
  })
})
