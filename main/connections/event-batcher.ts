import { BatchBuilder, type PayloadForm, type SseFields } from '#common/batch/index.ts'
import type {
  ConnectionEvent,
  ConnectionId,
  ConnectionStats,
  Delivery,
  MessageKind,
} from '#common/contract/index.ts'
import type { Clock } from './environment.ts'

export interface BatchingOptions {
  /**
   * Unacknowledged bytes past which the view is behind: `lossless` then pauses the source (TCP
   * backpressure throttles the server), `sampling` leaves message rows out and counts them.
   */
  windowBytes: number
  /** A batch this big leaves at once. */
  maxBatchBytes: number
  /**
   * The longest a row waits for its batch while the view still has batches in hand. A quarter of
   * a frame: the page takes batches in when its next frame begins, and finds rows a few ms old
   * there, not the ones that were waiting for its last acknowledgement.
   */
  maxDelayMs: number
  /** A batch unacknowledged for this long no longer counts: its reader is gone. */
  ackTimeoutMs: number
}

export const DEFAULT_BATCHING: BatchingOptions = {
  windowBytes: 8 * 1024 * 1024,
  maxBatchBytes: 256 * 1024,
  maxDelayMs: 4,
  ackTimeoutMs: 3000,
}

/** What a batcher can ask of the connection's source when the view falls behind. */
export interface FlowSource {
  /** Stops reading; false if this source cannot pause (then rows are skipped instead). */
  pause(): boolean
  resume(): void
}

/** Where batches go, and who hears of rows the view skipped. */
export interface BatchTargets {
  /** To the view, whose readers acknowledge each batch; false if no view is reading. */
  live(batch: Uint8Array): boolean
  /** Message rows the view skipped (sampling), to count in the stats. */
  skipped(count: number): void
}

const NOT_PAUSABLE: FlowSource = { pause: () => false, resume: () => {} }

/**
 * Coalesces one connection's events into binary batches (see batch-format.ts) for the live view,
 * with flow control in bytes and time: a batch leaves as soon as the view is idle (so a quiet
 * stream shows each message at once), or once it is big or old enough while the view is busy;
 * acknowledgements free the window. When the view is a whole window behind, `lossless` pauses the
 * source until it catches up, and `sampling` leaves message rows out of the view (counted, and
 * still recorded). Lifecycle events are never left out.
 */
export class EventBatcher {
  readonly #connectionId: ConnectionId
  readonly #options: BatchingOptions
  readonly #delivery: Delivery
  readonly #clock: Clock
  readonly #stats: () => ConnectionStats
  readonly #targets: BatchTargets
  readonly #builder = new BatchBuilder()
  #source: FlowSource = NOT_PAUSABLE
  /** Every row, whatever the view skipped; null when the connection is not recorded. */
  #recorder: ((batch: Uint8Array) => void) | null = null
  #batch = 0
  /** Rows left out of the view since the last batch it got. */
  #skipped = 0
  #timer: unknown = null
  #soon = false
  #paused = false
  /** The source was paused since the last batch the view got (it shows "throttling the server"). */
  #throttled = false
  /** Batches the view has not acknowledged: number → bytes and when they left, oldest first. */
  readonly #unacked = new Map<number, { bytes: number; sentAt: number }>()
  #unackedBytes = 0

  constructor(
    connectionId: ConnectionId,
    options: BatchingOptions,
    delivery: Delivery,
    clock: Clock,
    stats: () => ConnectionStats,
    targets: BatchTargets,
  ) {
    this.#connectionId = connectionId
    this.#options = options
    this.#delivery = delivery
    this.#clock = clock
    this.#stats = stats
    this.#targets = targets
  }

  /** The source to pause when the view is behind (lossless delivery). */
  setSource(source: FlowSource): void {
    this.#source = source
  }

  /** Sends every batch whole to `recorder` from now on; null stops. */
  setRecorder(recorder: ((batch: Uint8Array) => void) | null): void {
    this.#recorder = recorder
  }

  addMessage(
    seq: number,
    ts: number,
    size: number,
    kind: MessageKind,
    direction: 'in' | 'out',
    payload: Uint8Array | string,
    form: PayloadForm,
    sse?: SseFields,
  ): void {
    this.#builder.addMessage(seq, ts, size, kind, direction, payload, form, sse)
    // While paused, what the source had read already gathers until the view catches up.
    if (this.#builder.bytes >= this.#options.maxBatchBytes && !this.#paused) this.flush()
    else this.#schedule()
  }

  addEvent(event: ConnectionEvent): void {
    this.#builder.addEvent(event)
    this.#schedule()
  }

  /** The view has taken in every batch up to number `batch` (batches are taken in order). */
  ack(batch: number): void {
    let freed = false
    for (const [number, { bytes }] of this.#unacked) {
      if (number > batch) break
      this.#unacked.delete(number)
      this.#unackedBytes -= bytes
      freed = true
    }
    if (freed) this.#afterAck()
  }

  /**
   * Sends what is pending now, as far as the window allows: held back while the view is a window
   * behind (lossless), unless `force` (the connection is over: everything leaves).
   */
  flush(force = false): void {
    this.#cancelTimer()
    if (this.#builder.empty && this.#skipped === 0) return
    this.#dropStale()
    const behind = !force && this.#unackedBytes >= this.#options.windowBytes
    if (behind && this.#delivery === 'lossless' && this.#pauseSource()) return
    const rows = this.#builder.count
    const skipping = behind && rows > 0
    const whole =
      !this.#builder.empty && (this.#recorder !== null || !skipping) ? this.#encode(true) : null
    let live: Uint8Array | null
    if (skipping) {
      // Sampling (or a source that cannot pause): the view gets the other events, not the rows.
      this.#skipped += rows
      this.#targets.skipped(rows)
      live = this.#builder.eventCount > 0 ? this.#encode(false) : null
    } else {
      // The rows, or (all caught up) an empty batch that tells the view how many it missed.
      live = whole ?? this.#encode(true)
    }
    // Emptied before anything leaves: a reader in this process may acknowledge (and so flush)
    // from inside the call.
    this.#builder.reset()
    if (whole !== null) this.#recorder?.(whole)
    if (live !== null) this.#send(live)
  }

  #encode(withMessages: boolean): Uint8Array {
    return this.#builder.encode(
      {
        connectionId: this.#connectionId,
        batch: this.#batch + 1,
        skipped: this.#skipped,
        stats: this.#stats(),
        throttled: this.#throttled,
      },
      withMessages,
    )
  }

  #send(batch: Uint8Array): void {
    const number = ++this.#batch
    this.#skipped = 0
    this.#throttled = this.#paused
    // Counted before it leaves: a reader in the same process may acknowledge it synchronously.
    this.#unacked.set(number, { bytes: batch.length, sentAt: this.#clock.monotonicMs() })
    this.#unackedBytes += batch.length
    // With no view at all, nothing holds the stream back (a recording goes on at full speed).
    if (!this.#targets.live(batch) && this.#unacked.delete(number))
      this.#unackedBytes -= batch.length
  }

  /** Soon while the view is idle (what this turn's reads brought, together), else within the delay. */
  #schedule(): void {
    if (this.#unacked.size === 0) {
      if (this.#soon) return
      this.#soon = true
      this.#clock.afterIo(() => {
        this.#soon = false
        if (this.#unacked.size === 0) this.flush()
        else this.#schedule()
      })
    } else {
      this.#timer ??= this.#clock.setTimeout(() => {
        this.#timer = null
        this.flush()
      }, this.#options.maxDelayMs)
    }
  }

  #cancelTimer(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer)
    this.#timer = null
  }

  #pauseSource(): boolean {
    if (!this.#paused) {
      if (!this.#source.pause()) return false
      this.#paused = true
      this.#throttled = true
    }
    // Acks may never come (the view is gone): look again once unacknowledged batches go stale.
    this.#timer ??= this.#clock.setTimeout(() => {
      this.#timer = null
      this.#afterAck()
    }, this.#options.ackTimeoutMs)
    return true
  }

  #afterAck(): void {
    this.#dropStale()
    if (this.#paused && this.#unackedBytes < this.#options.windowBytes / 2) {
      this.#paused = false
      this.#cancelTimer()
      this.#source.resume()
    }
    if (!this.#builder.empty || this.#skipped > 0) {
      if (this.#unacked.size === 0) this.flush()
      else this.#schedule()
    }
  }

  #dropStale(): void {
    const staleBefore = this.#clock.monotonicMs() - this.#options.ackTimeoutMs
    // Batches are kept in the order they left, so only the oldest can be stale first.
    for (const [batch, { bytes, sentAt }] of this.#unacked) {
      if (sentAt >= staleBefore) break
      this.#unacked.delete(batch)
      this.#unackedBytes -= bytes
    }
  }
}
