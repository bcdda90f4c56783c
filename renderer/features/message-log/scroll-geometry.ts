/**
 * The tallest the list's scroll content is made. Browsers cap an element's height (Chromium near
 * 33.5 M px, Firefox near 17.9 M): past this, the scroll bar is scaled instead.
 */
export const MAX_SCROLL_PX = 8_000_000

/**
 * Where a list of `count` rows of `rowHeight` is, in two coordinates: content pixels (row ×
 * height, the list's own position, `top`) and the scroll bar's pixels (`scrollTop`). They are the
 * same until the content outgrows MAX_SCROLL_PX; then the scroll bar is scaled to it, and rows are
 * placed relative to the scroll position so the view shows the rows at `top`.
 */
export function scrollGeometry(count: number, rowHeight: number, viewportHeight: number) {
  const contentHeight = count * rowHeight
  const scaled = contentHeight > MAX_SCROLL_PX
  const spacerHeight = scaled ? MAX_SCROLL_PX : contentHeight
  /** The highest `top`: the last row at the bottom of the view. */
  const maxTop = Math.max(0, contentHeight - viewportHeight)
  const maxScroll = Math.max(0, spacerHeight - viewportHeight)

  const scrollTopOf = (top: number): number =>
    !scaled ? top : maxTop === 0 ? 0 : (top / maxTop) * maxScroll
  return {
    spacerHeight,
    scaled,
    maxTop,
    /** The highest scroll position: the bottom of the scroll content in view. */
    maxScroll,
    scrollTopOf,
    topOf: (scrollTop: number): number =>
      !scaled ? scrollTop : maxScroll === 0 ? 0 : (scrollTop / maxScroll) * maxTop,
    /** How far above its content position each row is placed in the scroll content. */
    offset: (top: number): number => top - scrollTopOf(top),
    /** Row positions in view at `top`, with `overscan` more on each side. */
    range(top: number, overscan: number): { first: number; last: number } {
      return {
        first: Math.max(0, Math.floor(top / rowHeight) - overscan),
        last: Math.min(count, Math.ceil((top + viewportHeight) / rowHeight) + overscan),
      }
    },
  }
}

export type ScrollGeometry = ReturnType<typeof scrollGeometry>

/**
 * A view following the newest rows, whose scroll content is laid out for fewer rows (`laid`) than
 * it shows (`live`): its scroll position stays at the bottom of `laid`, and the newest rows are
 * placed there. The content catches up with the count a few times a second instead of every frame,
 * so following costs no scroll write (a forced layout, a hit test) a frame.
 */
export function followingPlacement(laid: ScrollGeometry, live: ScrollGeometry) {
  return {
    /** How far above its content position each row is placed in the scroll content. */
    offset: live.maxTop - laid.maxScroll,
    /** Where the user scrolled to, in `live`'s content pixels: as far above the newest rows. */
    topOf: (scrollTop: number): number => live.maxTop - (laid.maxTop - laid.topOf(scrollTop)),
  }
}
