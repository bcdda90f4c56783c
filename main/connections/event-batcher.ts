import type {
  ConnectionEvent,
  ConnectionId,
  ConnectionStats,
  MessageBatch,
} from '#common/contract/index.ts'
import { JsonText } from '#common/rpc/json-text.ts'
import type { Clock } from './environment.ts'

export interface BatchingOptions {
  /** Flush at most this long after the first pending event: about one animation frame. */
  flushMs: number
  /** Flush at once when this many events are pending. */
  maxEvents: number
  /** Unacknowledged batches beyond which message rows are skipped instead of sent. */
  maxUnackedBatches: number
  /** A batch unacknowledged for this long no longer counts: its reader is gone. */
  ackTimeoutMs: number
}

export const DEFAULT_BATCHING: BatchingOptions = {
  flushMs: 16,
  maxEvents: 1000,
  maxUnackedBatches: 16,
  ackTimeoutMs: 3000,
}

/**
 * Coalesces one connection's events into batches for the live view, with terminal-style flow
 * control: while the reader has `maxUnackedBatches` batches it has not acknowledged, message rows
 * are counted as skipped instead of queued, so memory stays bounded under any burst. Lifecycle
 * events (open, error, close...) are never skipped.
 */
export class EventBatcher {
  readonly #connectionId: ConnectionId
  readonly #options: BatchingOptions
  readonly #clock: Clock
  readonly #stats: () => ConnectionStats
  readonly #emit: (batch: JsonText<MessageBatch>) => void
  /** The pending events' JSON, comma-separated: the batch's `events` array without brackets. */
  #events = ''
  #count = 0
  #skipped = 0
  #batch = 0
  #timer: unknown = null
  readonly #unacked = new Map<number, number>()
  #throttled = false

  constructor(
    connectionId: ConnectionId,
    options: BatchingOptions,
    clock: Clock,
    stats: () => ConnectionStats,
    emit: (batch: JsonText<MessageBatch>) => void,
  ) {
    this.#connectionId = connectionId
    this.#options = options
    this.#clock = clock
    this.#stats = stats
    this.#emit = emit
  }

  /** False while the view is behind: the caller counts the row as skipped (see `skip`). */
  get accepting(): boolean {
    if (this.#throttled) {
      this.#updateThrottle()
      if (!this.#throttled && this.#skipped > 0) this.#schedule()
    }
    return !this.#throttled
  }

  /** Queues an event already encoded as JSON (the hot path: see event-json.ts). */
  pushJson(json: string): void {
    this.#events = this.#count === 0 ? json : `${this.#events},${json}`
    this.#count++
    if (this.#count >= this.#options.maxEvents) this.flush()
    else this.#schedule()
  }

  skip(): void {
    this.#skipped++
  }

  push(event: ConnectionEvent): void {
    this.pushJson(JSON.stringify(event))
  }

  ack(batch: number): void {
    if (!this.#unacked.delete(batch)) return
    this.#updateThrottle()
    if (!this.#throttled && this.#skipped > 0) this.#schedule()
  }

  /** Sends what is pending now (at close, or when the batch is full). */
  flush(): void {
    if (this.#timer !== null) {
      this.#clock.clearTimeout(this.#timer)
      this.#timer = null
    }
    if (this.#count === 0 && this.#skipped === 0) return
    const batch = ++this.#batch
    // Counted before it leaves: a reader in the same process may acknowledge it synchronously.
    this.#unacked.set(batch, this.#clock.monotonicMs())
    // The batch's JSON, built by hand around the events' text so that it is never escaped again.
    this.#emit(
      new JsonText<MessageBatch>(
        `{"connectionId":${JSON.stringify(this.#connectionId)},"batch":${batch},"skipped":${this.#skipped},` +
          `"stats":${JSON.stringify(this.#stats())},"events":[${this.#events}]}`,
      ),
    )
    this.#events = ''
    this.#count = 0
    this.#skipped = 0
    this.#updateThrottle()
  }

  #schedule(): void {
    this.#timer ??= this.#clock.setTimeout(() => {
      this.#timer = null
      this.flush()
    }, this.#options.flushMs)
  }

  #updateThrottle(): void {
    const staleBefore = this.#clock.monotonicMs() - this.#options.ackTimeoutMs
    // Batches are kept in the order they left, so only the oldest can be stale first.
    for (const [batch, sentAt] of this.#unacked) {
      if (sentAt >= staleBefore) break
      this.#unacked.delete(batch)
    }
    this.#throttled = this.#unacked.size >= this.#options.maxUnackedBatches
  }
}
