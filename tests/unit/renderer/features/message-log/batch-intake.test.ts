import { describe, expect, it } from 'vitest'
import { readBatch, type BatchView } from '#common/batch/index.ts'
import { createBatchIntake } from '../../../../../renderer/features/message-log/batch-intake.ts'
import { batchOf } from '../../../../support/batches.ts'

/** Each batch takes 3 ms to take in, unless `costs` says otherwise (by batch number). */
function setup(hidden = false, costs: Record<number, number> = {}) {
  let now = 0
  const frames: (() => void)[] = []
  const applied: number[] = []
  const acked: number[] = []
  let drains = 0
  const intake = createBatchIntake({
    apply(batch) {
      applied.push(batch.batch)
      now += costs[batch.batch] ?? 3
    },
    ack: (_connectionId, batch) => acked.push(batch),
    drained: () => drains++,
    requestFrame: (callback) => frames.push(callback),
    now: () => now,
    hidden: () => hidden,
    budgetMs: 8,
  })
  const frame = () => frames.shift()!()
  const batch = (n: number): BatchView => readBatch(batchOf([], n))
  return { intake, frame, frames, applied, acked, batch, drains: () => drains }
}

describe('createBatchIntake', () => {
  it('takes batches in at the next frame, within the budget, acknowledging each then', () => {
    const { intake, frame, frames, applied, acked, batch, drains } = setup()
    for (let n = 1; n <= 5; n++) intake.push(batch(n))
    expect(applied).toEqual([])
    expect(frames).toHaveLength(1) // one frame asked for, however many batches
    frame()
    expect(applied).toEqual([1, 2]) // 6 ms: a third would end at 9, past the 8 ms budget
    // The first at once (none was waiting), then once a frame: acknowledgements are cumulative.
    expect(acked).toEqual([1, 2])
    expect(drains()).toBe(1)
    frame()
    expect(applied).toEqual([1, 2, 3, 4])
    frame()
    expect(applied).toEqual([1, 2, 3, 4, 5])
    expect(acked).toEqual([1, 2, 4, 5])
    expect(frames).toHaveLength(0)
    expect(intake.waiting).toBe(0)
  })

  it('stops before a batch that would run past the budget, judged by the slowest so far', () => {
    // 5 ms for the first: at 5 ms, within the 8 ms budget, but another like it would end at 10.
    const { intake, frame, applied, batch } = setup(false, { 1: 5, 2: 1, 3: 1 })
    for (let n = 1; n <= 3; n++) intake.push(batch(n))
    frame()
    expect(applied).toEqual([1])
    frame()
    expect(applied).toEqual([1, 2, 3]) // 1 ms each: both fit
  })

  it('acknowledges a batch once: on arrival to an empty queue, not again when taken in', () => {
    const { intake, frame, applied, acked, batch } = setup()
    intake.push(batch(1))
    frame()
    intake.push(batch(2))
    intake.push(batch(3))
    frame()
    expect(applied).toEqual([1, 2, 3])
    // 1 on arrival; 2 on arrival (the queue was empty again); 3 when taken in.
    expect(acked).toEqual([1, 2, 3])
  })

  it('takes a batch in at once while the page is hidden (no frames come)', () => {
    const { intake, frames, applied, acked, batch } = setup(true)
    intake.push(batch(1))
    expect(applied).toEqual([1])
    expect(acked).toEqual([1])
    expect(frames).toHaveLength(0)
  })
})
