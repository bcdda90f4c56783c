import { describe, expect, it } from 'vitest'
import {
  MAX_SCROLL_PX,
  scrollGeometry,
} from '../../../../../renderer/features/message-log/scroll-geometry.ts'

describe('scrollGeometry', () => {
  it('scrolls by content pixels while the content fits', () => {
    const geometry = scrollGeometry(1000, 26, 400)
    expect(geometry).toMatchObject({ scaled: false, spacerHeight: 26_000, maxTop: 25_600 })
    expect(geometry.scrollTopOf(1234)).toBe(1234)
    expect(geometry.offset(1234)).toBe(0)
    expect(geometry.range(26 * 100, 4)).toEqual({ first: 96, last: 120 })
  })

  it('scales the scroll bar past the tallest content, every row still in reach', () => {
    const count = 10_000_000
    const geometry = scrollGeometry(count, 26, 400)
    expect(geometry).toMatchObject({ scaled: true, spacerHeight: MAX_SCROLL_PX })
    // The bottom of the scroll bar shows the last rows.
    const bottom = geometry.topOf(MAX_SCROLL_PX - 400)
    expect(bottom).toBe(geometry.maxTop)
    expect(geometry.range(bottom, 0).last).toBe(count)
    // A row placed at its content position less the offset sits where the view shows it.
    const top = 26 * 5_000_000
    const scrollTop = geometry.scrollTopOf(top)
    expect(5_000_000 * 26 - geometry.offset(top) - scrollTop).toBeCloseTo(0)
    expect(geometry.topOf(scrollTop)).toBeCloseTo(top)
  })

  it('has nothing to scroll when the rows fit the view', () => {
    expect(scrollGeometry(3, 26, 400)).toMatchObject({ maxTop: 0, scaled: false })
  })
})
