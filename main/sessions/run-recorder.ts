import type { ConnectionEvent } from '#common/contract/index.ts'
import type { RunStore, StoredEvent } from './run-store.ts'

export interface RecorderOptions {
  /** Write at most this long after the first pending event. */
  flushMs?: number
  /** Write at once when this many events are pending. */
  maxEvents?: number
  setTimeout?: (callback: () => void, ms: number) => unknown
  clearTimeout?: (handle: unknown) => void
  /** Told of a failed write; recording stops then, the connection goes on. */
  onError?: (error: unknown) => void
}

/**
 * Records one run: every event of the connection, written in batched transactions (a few per
 * second, not one per message), so recording does not slow the live log. A crash loses at most
 * the events since the last batch; a committed batch is always whole.
 */
export class RunRecorder {
  readonly runId: number
  readonly #runs: RunStore
  readonly #flushMs: number
  readonly #maxEvents: number
  readonly #setTimeout: (callback: () => void, ms: number) => unknown
  readonly #clearTimeout: (handle: unknown) => void
  readonly #onError: (error: unknown) => void
  #pending: StoredEvent[] = []
  #timer: unknown = null
  #finished = false

  constructor(runs: RunStore, runId: number, options: RecorderOptions = {}) {
    this.#runs = runs
    this.runId = runId
    this.#flushMs = options.flushMs ?? 100
    this.#maxEvents = options.maxEvents ?? 2_000
    this.#setTimeout = options.setTimeout ?? ((callback, ms) => setTimeout(callback, ms))
    this.#clearTimeout =
      options.clearTimeout ?? ((handle) => clearTimeout(handle as NodeJS.Timeout))
    this.#onError = options.onError ?? (() => {})
  }

  /** Queues an event for the next batch; `json` is the event already encoded, if it is. */
  record(event: ConnectionEvent, json = JSON.stringify(event)): void {
    if (this.#finished) return
    this.#pending.push({
      seq: event.seq,
      json,
      messageBytes: event.type === 'message' ? event.size : null,
    })
    if (this.#pending.length >= this.#maxEvents) this.flush()
    else this.#timer ??= this.#setTimeout(() => this.flush(), this.#flushMs)
  }

  flush(): void {
    if (this.#timer !== null) this.#clearTimeout(this.#timer)
    this.#timer = null
    const batch = this.#pending
    this.#pending = []
    try {
      this.#runs.append(this.runId, batch)
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
}
