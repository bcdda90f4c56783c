import { describe, expect, it } from 'vitest'
import {
  allPositions,
  differingPositions,
  nextDifference,
} from '../../../../../renderer/features/compare/pair-positions.ts'
import type { RowList } from '../../../../../renderer/features/message-log/row-index.ts'

// Pairs 0..5: equal, changed, equal, only left, equal, equal.
const status = Uint8Array.from([0, 1, 0, 2, 0, 0])

describe('the compare view’s pair positions', () => {
  const items = (list: RowList) => Array.from({ length: list.length }, (_, p) => list.at(p))

  it('lists every pair, or the differing ones', () => {
    expect(items(allPositions(4))).toEqual([0, 1, 2, 3])
    expect(items(differingPositions(status, status.length))).toEqual([1, 3])
    expect(items(differingPositions(new Uint8Array(3), 3))).toEqual([])
  })

  it('finds where a pair is listed, or −1', () => {
    expect([2, 4, -1].map((pair) => allPositions(4).indexOf(pair))).toEqual([2, -1, -1])
    const differing = differingPositions(status, status.length)
    expect([0, 1, 2, 3, 5].map((pair) => differing.indexOf(pair))).toEqual([-1, 0, -1, 1, -1])
    const many = new Uint8Array(1000).map((_, p) => (p % 7 === 0 ? 1 : 0))
    const sevens = differingPositions(many, many.length)
    expect([0, 7, 994, 995].map((pair) => sevens.indexOf(pair))).toEqual([0, 1, 142, -1])
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
