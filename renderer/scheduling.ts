/**
 * How the page's own long work shares the main thread with painting and input: slices of a few
 * milliseconds, a turn for the page, a wait for the next paint.
 */

/** How long one slice of work may hold the page before it lets it paint and answer input. */
const SLICE_MS = 8

/** Work cut into slices of a few milliseconds, the page running between them. */
export class Slices {
  #start = performance.now()

  /** Whether this slice has had its time. */
  get spent(): boolean {
    return performance.now() - this.#start > SLICE_MS
  }

  /** Lets the page paint and answer input, then starts the next slice. */
  async next(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 0))
    this.#start = performance.now()
  }
}

/**
 * Gives the page its turn: input, a frame. Through a message channel: setTimeout is clamped to
 * 4 ms once nested (hundreds of chunks would wait seconds for nothing), and `scheduler.yield()`
 * continuations outrank rendering (Chromium then paints only every 100 ms, measured).
 */
export function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => resolve()
    channel.port2.postMessage(null)
  })
}

/**
 * Resolves once the page has painted what it has now: after the next frame, or after `limitMs`
 * where no frame comes (a hidden window draws none).
 */
export function afterPaint(limitMs = 100): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, limitMs)
    requestAnimationFrame(() =>
      // A task queued from the frame's callback runs once that frame is drawn.
      setTimeout(() => {
        clearTimeout(timer)
        resolve()
      }, 0),
    )
  })
}
