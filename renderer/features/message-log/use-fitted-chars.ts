import { onMounted, onUnmounted, onUpdated, ref, type Ref } from 'vue'
import { afterPaint } from '../../scheduling.ts'

/** Characters taken past what fits, for the ellipsis. */
export const FITTED_MARGIN = 4

/**
 * How many characters a list's one-line previews show: what the first `preview` element under
 * `container` holds at its width, and a few more for the ellipsis; `fallback` until it is
 * measured. Text past that is laid out for nothing, for every row of every frame of a scroll or a
 * firehose. Measured once a frame is drawn (reading sizes then costs no layout of its own), again
 * when the list is resized.
 */
export function useFittedChars(
  container: Readonly<Ref<HTMLElement | null>>,
  fallback: number,
  preview = '.preview',
) {
  const chars = ref(fallback)
  let measured = false
  let pending = false
  let measurer: CanvasRenderingContext2D | null = null

  function measure(): void {
    const element = container.value?.querySelector<HTMLElement>(preview)
    if (!element) return
    measurer ??= document.createElement('canvas').getContext('2d')
    if (!measurer) return
    measurer.font = getComputedStyle(element).font
    const charWidth = measurer.measureText('0').width
    if (charWidth > 0) chars.value = Math.ceil(element.clientWidth / charWidth) + FITTED_MARGIN
    measured = true
  }

  function measureSoon(): void {
    if (pending) return
    pending = true
    void afterPaint().then(() => {
      pending = false
      measure()
    })
  }

  onUpdated(() => {
    if (!measured) measureSoon()
  })
  let observer: ResizeObserver | null = null
  onMounted(() => {
    observer = new ResizeObserver(() => {
      measured = false
      measureSoon()
    })
    if (container.value) observer.observe(container.value)
  })
  onUnmounted(() => observer?.disconnect())

  return chars
}
