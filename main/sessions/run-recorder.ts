import type { MessageEvent } from '#common/contract/index.ts'
import type { RunStore } from './run-store.ts'

export interface RecorderOptions {
  /** Write at most this long after the first pending batch. */
  flushMs?: number
  /** Write at once when this many bytes are pending. */
  maxBytes?: number
  setTimeout?: (callback: () => void, ms: number) => unknown
  clearTimeout?: (handle: unknown) => void
  /** Told of a failed write; recording stops then, the connection goes on. */
  onError?: (error: unknown) => void
}

/**
 * Records one run: the connection's batches as they come (see main/common/batch), written a few
 * transactions a second, not one per message, so recording does not slow the live log. A crash
 * loses at most the batches since the last write; a committed write is always whole.
 */
export class RunRecorder {
  readonly runId: number
  readonly #runs: RunStore
  readonly #flushMs: number
  readonly #maxBytes: number
  readonly #setTimeout: (callback: () => void, ms: number) => unknown
  readonly #clearTimeout: (handle: unknown) => void
  readonly #onError: (error: unknown) => void
  #batches: Uint8Array[] = []
  #whole: MessageEvent[] = []
  #bytes = 0
  #timer: unknown = null
  #finished = false

  constructor(runs: RunStore, runId: number, options: RecorderOptions = {}) {
    this.#runs = runs
    this.runId = runId
    this.#flushMs = options.flushMs ?? 100
    this.#maxBytes = options.maxBytes ?? 4 * 1024 * 1024
    this.#setTimeout = options.setTimeout ?? ((callback, ms) => setTimeout(callback, ms))
    this.#clearTimeout =
      options.clearTimeout ?? ((handle) => clearTimeout(handle as NodeJS.Timeout))
    this.#onError = options.onError ?? (() => {})
  }

  /** Queues a batch for the next write. */
  batch(batch: Uint8Array): void {
    if (this.#finished) return
    this.#batches.push(batch)
    this.#queued(batch.length)
  }

  /** Queues a large message, whole (its batch has only its preview). */
  whole(message: MessageEvent): void {
    if (this.#finished) return
    this.#whole.push(message)
    this.#queued(message.size)
  }

  flush(): void {
    if (this.#timer !== null) this.#clearTimeout(this.#timer)
    this.#timer = null
    const batches = this.#batches
    const whole = this.#whole
    this.#batches = []
    this.#whole = []
    this.#bytes = 0
    try {
      this.#runs.appendBatches(this.runId, batches, whole)
    } catch (error) {
      this.#finished = true
      this.#onError(error)
    }
  }

  /** Writes what is pending and closes the run at `endedAt`. */
  finish(endedAt: number): void {
    if (this.#finished) return
    this.flush()
    this.#finished = true
    this.#runs.end(this.runId, endedAt)
  }

  #queued(bytes: number): void {
    this.#bytes += bytes
    if (this.#bytes >= this.#maxBytes) this.flush()
    else this.#timer ??= this.#setTimeout(() => this.flush(), this.#flushMs)
  }
}
