import { computed, onMounted, onUnmounted, ref, watch, type Ref } from 'vue'
import { followingPlacement, scrollGeometry } from './scroll-geometry.ts'

/** While following, how long the scroll content may lag the count (the scroll bar's thumb). */
const CATCH_UP_MS = 250

export interface ListScrollOptions {
  rowHeight: number
  /** How many rows the list shows. */
  count: () => number
  /** Changes with the rows: a following view goes to the newest in the same frame. */
  revision: () => number
  /** The view moved: its first row position, and whether it follows the newest rows. */
  moved: (firstVisible: number, following: boolean) => void
}

/**
 * Where a virtualized list of fixed-height rows is: its top in content pixels (rows × height),
 * computed from counts and never read back from layout, and the scroll bar kept in step with it.
 * Following the newest rows costs no scroll write a frame: the scroll content catches up with
 * the count a few times a second (see followingPlacement). Past a few hundred thousand rows the
 * scroll bar is scaled (browsers cap an element's height), and the wheel is handled here so it
 * still moves by pixels; every row stays reachable.
 */
export function useListScroll(
  viewport: Readonly<Ref<HTMLElement | null>>,
  { rowHeight, count, revision, moved }: ListScrollOptions,
) {
  /** The top of the view in content pixels: the list's own scroll position. */
  const top = ref(0)
  /** The list's height: 0 until it is mounted and read (see onMounted). */
  const height = ref(0)
  const following = ref(true)
  const seenCount = ref(0)
  /** While following: the count the scroll content was last laid out for. */
  const laidCount = ref(0)
  /** The scroll position last written, to tell the user's scrolling from ours (a new element's). */
  let written = 0

  /** Where the rows are. */
  const live = computed(() => scrollGeometry(count(), rowHeight, height.value))
  /** The scroll content: the rows', except while following (then `laidCount`'s). */
  const geometry = computed(() =>
    following.value
      ? scrollGeometry(Math.min(laidCount.value, count()), rowHeight, height.value)
      : live.value,
  )
  /**
   * Where the view's top is drawn from: the newest rows while following, from the count alone.
   * Drawn at the old top, then moved to the bottom, the rows were rendered and laid out twice a
   * frame.
   */
  const shownTop = computed(() => (following.value ? live.value.maxTop : top.value))
  /** How far above its content position each row is placed in the scroll content. */
  const rowOffset = computed(() =>
    following.value
      ? followingPlacement(geometry.value, live.value).offset
      : geometry.value.offset(top.value),
  )
  /** The scroll position the view is at: written after the content has the height it needs. */
  const scrollTarget = computed(() =>
    following.value ? geometry.value.maxScroll : geometry.value.scrollTopOf(top.value),
  )
  /** Rows that came since the view stopped following. */
  const unseen = computed(() => (following.value ? 0 : Math.max(0, count() - seenCount.value)))

  let caughtUpAt = 0
  let catchUpTimer: ReturnType<typeof setTimeout> | undefined
  /** Lays the scroll content out for the count now (the scroll bar catches up with the rows). */
  function catchUp(): void {
    clearTimeout(catchUpTimer)
    catchUpTimer = undefined
    laidCount.value = count()
    caughtUpAt = performance.now()
  }

  /** Moves the view so its top is at content pixel `to` (the scroll bar follows: scrollTarget). */
  function moveTo(to: number): void {
    const { maxTop } = live.value
    top.value = Math.max(0, Math.min(maxTop, to))
    const follow = top.value >= maxTop - rowHeight / 2
    if (follow && !following.value) catchUp()
    following.value = follow
    if (follow) seenCount.value = count()
    moved(Math.floor(top.value / rowHeight), following.value)
  }

  // Written only when it moves, once the content has its new height: a write makes the page lay
  // out at once (and a following view stays at the bottom of content that grows 4 times a second).
  watch(
    scrollTarget,
    (scrollTop) => {
      const element = viewport.value
      if (!element || Math.abs(scrollTop - written) < 0.5) return
      written = scrollTop
      element.scrollTop = written
    },
    { flush: 'post' },
  )

  function onScroll(): void {
    const element = viewport.value!
    // Our own write coming back; anything else is the user (the scroll bar, a touchpad, keys).
    if (Math.abs(element.scrollTop - written) < 1) return
    written = element.scrollTop
    moveTo(
      following.value
        ? followingPlacement(geometry.value, live.value).topOf(written)
        : geometry.value.topOf(written),
    )
  }

  /** The wheel, where the scroll bar is scaled: by pixels of content, as everywhere else. */
  function onWheel(event: WheelEvent): void {
    if (!geometry.value.scaled) return
    event.preventDefault()
    const lines = event.deltaMode === WheelEvent.DOM_DELTA_LINE ? rowHeight : 1
    const pages = event.deltaMode === WheelEvent.DOM_DELTA_PAGE ? height.value : 1
    moveTo(top.value + event.deltaY * lines * pages)
  }

  /** Puts row position `position` at the top of the view (another view's scroll, mirrored). */
  function scrollToPosition(position: number): void {
    moveTo(position * rowHeight)
  }

  function scrollToBottom(): void {
    moveTo(live.value.maxTop)
  }

  /** Brings row position `position` into view, centred when it was out of view. */
  function reveal(position: number): void {
    const y = position * rowHeight
    if (y < top.value || y + rowHeight > top.value + height.value)
      moveTo(y - height.value / 2 + rowHeight / 2)
  }

  // New rows while following: the bottom, in the same frame as the rows; the scroll content
  // catches up at most every CATCH_UP_MS, and at once when the rows are fewer (cleared, filtered).
  watch([revision, count, height], () => {
    if (!following.value) return
    if (count() < laidCount.value || performance.now() - caughtUpAt >= CATCH_UP_MS) catchUp()
    else catchUpTimer ??= setTimeout(catchUp, CATCH_UP_MS - (performance.now() - caughtUpAt))
    scrollToBottom()
  })

  let observer: ResizeObserver | null = null
  onMounted(() => {
    // Read once here, before any row exists: rows drawn for a guessed height were all drawn again
    // once the observer told the real one (a tab opened on a kept log drew its rows twice).
    height.value = viewport.value!.clientHeight
    observer = new ResizeObserver(([entry]) => {
      height.value = entry?.contentRect.height ?? height.value
    })
    observer.observe(viewport.value!)
    viewport.value!.addEventListener('wheel', onWheel, { passive: false })
    catchUp()
    scrollToBottom()
  })
  onUnmounted(() => {
    clearTimeout(catchUpTimer)
    observer?.disconnect()
    viewport.value?.removeEventListener('wheel', onWheel)
  })

  return {
    height,
    following,
    live,
    geometry,
    shownTop,
    rowOffset,
    unseen,
    onScroll,
    scrollToPosition,
    scrollToBottom,
    reveal,
  }
}
