import { describe, expect, it } from 'vitest'
import {
  followingPlacement,
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

  describe('following, with scroll content laid out for fewer rows', () => {
    /** Where row `position` of `live` is drawn, relative to the top of the view. */
    const onScreen = (laid: ReturnType<typeof scrollGeometry>, position: number, offset: number) =>
      position * 26 - offset - laid.maxScroll

    it.each([
      ['fits the view', 3],
      ['is a few rows', 40],
      ['is scaled', 2_000_000],
    ])('shows the newest row at the bottom when the laid content %s', (_, laidCount) => {
      const laid = scrollGeometry(laidCount, 26, 400)
      const live = scrollGeometry(laidCount + 5_000, 26, 400)
      const { offset } = followingPlacement(laid, live)
      expect(onScreen(laid, laidCount + 5_000 - 1, offset)).toBeCloseTo(400 - 26)
    })

    it('reads a scroll up as that far above the newest rows', () => {
      const laid = scrollGeometry(1_000, 26, 400)
      const live = scrollGeometry(3_000, 26, 400)
      const placement = followingPlacement(laid, live)
      expect(placement.topOf(laid.maxScroll)).toBe(live.maxTop)
      expect(placement.topOf(laid.maxScroll - 260)).toBe(live.maxTop - 260)
    })

    it('is the plain placement once the content has caught up', () => {
      const geometry = scrollGeometry(3_000_000, 26, 400)
      const placement = followingPlacement(geometry, geometry)
      expect(placement.offset).toBeCloseTo(geometry.offset(geometry.maxTop))
      expect(placement.topOf(geometry.maxScroll)).toBeCloseTo(geometry.maxTop)
    })
  })
})
