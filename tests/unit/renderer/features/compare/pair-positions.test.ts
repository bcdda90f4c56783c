import { describe, expect, it } from 'vitest'
import {
  allPositions,
  differingPositions,
  nextDifference,
} from '../../../../../renderer/features/compare/pair-positions.ts'

// Pairs 0..5: equal, changed, equal, only left, equal, equal.
const status = Uint8Array.from([0, 1, 0, 2, 0, 0])

describe('the compare view’s pair positions', () => {
  it('lists every pair, or the differing ones', () => {
    expect([...allPositions(4)]).toEqual([0, 1, 2, 3])
    expect([...differingPositions(status, status.length)]).toEqual([1, 3])
    expect([...differingPositions(new Uint8Array(3), 3)]).toEqual([])
  })

  it('steps to the next and previous difference, wrapping around the ends', () => {
    expect(nextDifference(status, 6, -1, 1)).toBe(1) // from before the first
    expect(nextDifference(status, 6, 1, 1)).toBe(3)
    expect(nextDifference(status, 6, 3, 1)).toBe(1) // past the last: back to the first
    expect(nextDifference(status, 6, 6, -1)).toBe(3) // from after the last, going back
    expect(nextDifference(status, 6, 1, -1)).toBe(3) // before the first: round to the last
    expect(nextDifference(new Uint8Array(4), 4, -1, 1)).toBeNull()
    expect(nextDifference(new Uint8Array(0), 0, -1, 1)).toBeNull()
  })
})
