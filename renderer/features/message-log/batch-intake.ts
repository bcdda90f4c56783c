import type { BatchView } from '#common/batch/index.ts'

/** How long, each frame, batches may be taken in: the rest of the frame is for drawing. */
export const INTAKE_BUDGET_MS = 6

export interface IntakeOptions {
  /** Takes one batch into its log. */
  apply(batch: BatchView): void
  /** Tells the app a connection's batches up to `batch` were taken in (its flow waits for it). */
  ack(connectionId: string, batch: number): void
  /**
   * After each frame's intake: what changed can be drawn. `busy`: the intake used most of its
   * budget (rows are coming as fast as the page takes them).
   */
  drained(busy: boolean): void
  requestFrame(callback: () => void): void
  now(): number
  /** True while the page is not shown: no frames come, so batches are taken in as they arrive. */
  hidden(): boolean
  budgetMs?: number
}

/**
 * Takes batches in at the start of each frame, for at most a budget of the frame. A batch that
 * finds none waiting is acknowledged as it arrives; others once taken in: when rows come faster
 * than the page can take them and still draw, batches wait, acknowledgements with them, and the
 * app's flow control slows the stream down (or skips rows, in sampling mode).
 */
export function createBatchIntake(options: IntakeOptions) {
  const queue: BatchView[] = []
  let scheduled = false
  const budget = options.budgetMs ?? INTAKE_BUDGET_MS

  function drain(): void {
    scheduled = false
    const start = options.now()
    const taken: BatchView[] = []
    // At least one batch a frame, however big, so the log always moves; another only if it would
    // end within the budget, judged by the slowest so far. Taken while the budget was not yet
    // spent, a batch of 2,800 rows (4–9 ms on a busy page) ran frames' intake to 15–20 ms.
    let elapsed = 0
    let slowest = 0
    do {
      const batch = queue.shift()!
      options.apply(batch)
      taken.push(batch)
      const now = options.now() - start
      slowest = Math.max(slowest, now - elapsed)
      elapsed = now
    } while (queue.length > 0 && elapsed + slowest <= budget)
    acknowledge(taken)
    options.drained(elapsed > budget / 2)
    if (queue.length > 0) schedule()
  }

  /** Batches acknowledged as they arrived: taken in later, they need no second word. */
  const ackedOnArrival = new WeakSet<BatchView>()

  /**
   * Acknowledges once per connection: its newest batch taken in (acks are cumulative), unless
   * that one was acknowledged on arrival (then so was every batch before it). At 10,000 msg/s a
   * batch a frame arrives to an empty queue: each was acknowledged twice, a message to the host
   * each time from the page's busiest thread.
   */
  function acknowledge(batches: readonly BatchView[]): void {
    const newest = new Map<string, BatchView>()
    for (const batch of batches) newest.set(batch.connectionId, batch)
    for (const [connectionId, batch] of newest)
      if (!ackedOnArrival.has(batch)) options.ack(connectionId, batch.batch)
  }

  function schedule(): void {
    if (scheduled) return
    scheduled = true
    options.requestFrame(drain)
  }

  return {
    push(batch: BatchView): void {
      if (options.hidden() && queue.length === 0) {
        options.apply(batch)
        acknowledge([batch])
        options.drained(false)
        return
      }
      // A page keeping up acknowledges at once, so the app sends the next rows without waiting for
      // this frame; a page behind acknowledges only what each frame took in.
      if (queue.length === 0) {
        acknowledge([batch])
        ackedOnArrival.add(batch)
      }
      queue.push(batch)
      schedule()
    },
    /** Batches waiting for a frame. */
    get waiting(): number {
      return queue.length
    },
  }
}
