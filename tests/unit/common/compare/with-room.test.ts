import { describe, expect, it } from 'vitest'
import { withRoom } from '../../../../main/common/compare/with-room.ts'

describe('withRoom', () => {
  it('gives the array back where it has room', () => {
    const array = new Float64Array(8)
    expect(withRoom(array, 8, 3)).toBe(array)
  })

  it('grows at least twice over, of the same type, keeping the first items', () => {
    const array = Uint8Array.from([1, 2, 3, 4])
    const grown = withRoom(array, 5, 3)
    expect(grown).toBeInstanceOf(Uint8Array)
    expect(grown.length).toBe(8)
    expect([...grown]).toEqual([1, 2, 3, 0, 0, 0, 0, 0])
    expect(withRoom(new Float64Array(4), 100, 0)).toHaveLength(100)
  })
})
