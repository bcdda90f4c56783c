import { describe, expect, it } from 'vitest'
import { readBatch, type BatchView } from '#common/batch/index.ts'
import { createBatchIntake } from '../../../../../renderer/features/message-log/batch-intake.ts'
import { batchOf } from '../../../../support/batches.ts'

function setup(hidden = false) {
  let now = 0
  const frames: (() => void)[] = []
  const applied: number[] = []
  const acked: number[] = []
  let drains = 0
  const intake = createBatchIntake({
    apply(batch) {
      applied.push(batch.batch)
      now += 3 // each batch takes 3 ms to take in
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
    expect(applied).toEqual([1, 2, 3]) // 9 ms: the third one crossed the 8 ms budget
    // The first at once (none was waiting), then once a frame: acknowledgements are cumulative.
    expect(acked).toEqual([1, 3])
    expect(drains()).toBe(1)
    frame()
    expect(applied).toEqual([1, 2, 3, 4, 5])
    expect(acked).toEqual([1, 3, 5])
    expect(frames).toHaveLength(0)
    expect(intake.waiting).toBe(0)
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
