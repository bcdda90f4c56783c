import { describe, expect, it } from 'vitest'
import { RowIndex, RowRange } from '../../../../../renderer/features/message-log/row-index.ts'

describe('RowIndex', () => {
  it('keeps ascending row numbers, found by binary search, and lets the oldest go', () => {
    const index = new RowIndex()
    for (let n = 0; n < 5000; n += 2) index.push(n)
    expect(index.length).toBe(2500)
    expect(index.indexOf(1000)).toBe(500)
    expect(index.indexOf(1001)).toBe(-1)
    expect(index.dropBelow(4000)).toBe(2000)
    expect(index.at(0)).toBe(4000)
    expect(index.lowerBound(4001)).toBe(1)
    for (let n = 5000; n < 10_000; n++) index.push(n) // grows past what it let go
    expect(index.at(index.length - 1)).toBe(9999)
    expect(index.length).toBe(500 + 5000)
  })

  it('starts from an ascending array as it is, and grows from it, even an empty one', () => {
    const index = new RowIndex(Int32Array.from([3, 7, 9]))
    expect([index.length, index.indexOf(7), index.indexOf(8)]).toEqual([3, 1, -1])
    index.push(12)
    expect([index.length, index.at(3)]).toEqual([4, 12])
    const empty = new RowIndex(new Int32Array(0))
    empty.push(5)
    expect([empty.length, empty.at(0)]).toEqual([1, 5])
  })
})

describe('RowRange', () => {
  it('is every row between first and total', () => {
    const range = new RowRange()
    range.first = 10
    range.total = 20
    expect([range.length, range.at(3), range.indexOf(15), range.indexOf(25)]).toEqual([
      10, 13, 5, -1,
    ])
  })
})
