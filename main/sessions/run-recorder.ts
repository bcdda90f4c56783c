import type { MessageEvent } from '#common/contract/index.ts'
import { ChunkPool, PooledCopies } from './chunk-pool.ts'
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
  /** Where batches are copied until written (one pool for the host's journals). */
  pool?: ChunkPool
}

/**
 * Records one run: the connection's batches as they come (see main/common/batch), written a few
 * times a second, not once per message, and off the loop: the bytes are copied into the run's
 * file by libuv's thread pool, and indexed in SQLite once they are there, so keeping a firehose
 * does not hold up the connections. One write at a time; what comes meanwhile goes in the next.
 * A crash loses at most what was not yet written; a committed write is always whole.
 */
export class RunRecorder {
  readonly runId: number
  readonly #runs: RunStore
  readonly #flushMs: number
  readonly #maxBytes: number
  readonly #setTimeout: (callback: () => void, ms: number) => unknown
  readonly #clearTimeout: (handle: unknown) => void
  readonly #onError: (error: unknown) => void
  readonly #pool: ChunkPool
  #batches: PooledCopies
  #whole: MessageEvent[] = []
  #bytes = 0
  #timer: unknown = null
  /** A write is under way. */
  #writing = false
  /** Stopped for good: finished, or a write failed. */
  #stopped = false
  /** When the run ends, once what is pending is written; null while it goes on. */
  #endAt: number | null = null
  /** Batches taken, and batches written and indexed: readers wait for the second to catch up. */
  #queued = 0
  #written = 0
  #waiting: { until: number; resolve: () => void }[] = []

  constructor(runs: RunStore, runId: number, options: RecorderOptions = {}) {
    this.#runs = runs
    this.runId = runId
    this.#flushMs = options.flushMs ?? 100
    this.#maxBytes = options.maxBytes ?? 4 * 1024 * 1024
    this.#setTimeout = options.setTimeout ?? ((callback, ms) => setTimeout(callback, ms))
    this.#clearTimeout =
      options.clearTimeout ?? ((handle) => clearTimeout(handle as NodeJS.Timeout))
    this.#onError = options.onError ?? (() => {})
    this.#pool = options.pool ?? new ChunkPool()
    this.#batches = new PooledCopies(this.#pool)
  }

  /** Queues a copy of a batch for the next write. */
  batch(batch: Uint8Array): void {
    if (this.#stopped || this.#endAt !== null) return
    this.#batches.add(batch)
    this.#queue(batch.length)
  }

  /** Queues a large message, whole (its batch has only its preview). */
  whole(message: MessageEvent): void {
    if (this.#stopped || this.#endAt !== null) return
    this.#whole.push(message)
    this.#queue(message.size)
  }

  /** Starts writing what is pending (after the write under way, if there is one). */
  flush(): void {
    if (this.#timer !== null) this.#clearTimeout(this.#timer)
    this.#timer = null
    if (this.#writing || this.#stopped) return
    if (this.#batches.copies.length === 0 && this.#whole.length === 0) {
      this.#endIfIdle()
      return
    }
    const batches = this.#batches
    const whole = this.#whole
    const count = batches.copies.length + whole.length
    this.#batches = new PooledCopies(this.#pool)
    this.#whole = []
    this.#bytes = 0
    this.#writing = true
    this.#runs.appendBatches(this.runId, batches.copies, whole, (error) => {
      batches.release()
      this.#writing = false
      if (error) {
        this.#stop()
        this.#onError(error)
        return
      }
      this.#written += count
      for (const waiter of this.#waiting.filter(({ until }) => until <= this.#written))
        waiter.resolve()
      this.#waiting = this.#waiting.filter(({ until }) => until > this.#written)
      // What came meanwhile goes next, at once if it is due (or the run is ending).
      if (this.#endAt !== null || this.#bytes >= this.#maxBytes) this.flush()
      else if (this.#bytes > 0) this.#timer ??= this.#setTimeout(() => this.flush(), this.#flushMs)
      else this.#endIfIdle()
    })
  }

  /** Resolves once everything taken so far is written and indexed (or recording stopped). */
  drained(): Promise<void> {
    if (this.#stopped || this.#written >= this.#queued) return Promise.resolve()
    const until = this.#queued
    const done = new Promise<void>((resolve) => this.#waiting.push({ until, resolve }))
    this.flush()
    return done
  }

  /** Writes what is pending and closes the run at `endedAt`; `drained()` says when it is done. */
  finish(endedAt: number): void {
    if (this.#stopped || this.#endAt !== null) return
    this.#endAt = endedAt
    this.flush()
  }

  /** Nothing pending, nothing under way: a run that was asked to end ends now. */
  #endIfIdle(): void {
    if (this.#endAt === null || this.#writing || this.#stopped) return
    this.#stopped = true
    this.#release()
    try {
      this.#runs.end(this.runId, this.#endAt)
    } catch (error) {
      // Closed at its last kept event on the next start instead.
      this.#onError(error)
    }
  }

  #stop(): void {
    this.#stopped = true
    if (this.#timer !== null) this.#clearTimeout(this.#timer)
    this.#timer = null
    this.#release()
  }

  #release(): void {
    for (const { resolve } of this.#waiting) resolve()
    this.#waiting = []
  }

  #queue(bytes: number): void {
    this.#queued++
    this.#bytes += bytes
    if (this.#bytes >= this.#maxBytes) this.flush()
    else if (!this.#writing) this.#timer ??= this.#setTimeout(() => this.flush(), this.#flushMs)
  }
}
