import type { LogRow } from './log-row.ts'

/**
 * A connection's live log: a bounded ring of rows, addressed by absolute row number (0 is the
 * first row ever appended, or since the last clear), so positions stay valid as old rows go.
 * Plain data, kept out of Vue's deep reactivity: the store triggers the view once per batch.
 */
export class LogBuffer {
  #capacity: number
  #rows: (LogRow | undefined)[]
  /** For each slot, when the connection last connected before that row: "time since connect". */
  #connectTs: Float64Array
  /** For each slot, the connection the row came from (a tab reconnects as new connections). */
  #connectionIds: (string | undefined)[]
  #total = 0
  #lastConnectTs = Number.NaN

  constructor(capacity: number) {
    this.#capacity = capacity
    this.#rows = new Array<LogRow | undefined>(capacity)
    this.#connectTs = new Float64Array(capacity)
    this.#connectionIds = new Array<string | undefined>(capacity)
  }

  get capacity(): number {
    return this.#capacity
  }

  /** Rows appended so far: the absolute number the next row gets. */
  get total(): number {
    return this.#total
  }

  /** The absolute number of the oldest row still held. */
  get first(): number {
    return Math.max(0, this.#total - this.#capacity)
  }

  /** Rows let go because the buffer was full (announced in the view). */
  get dropped(): number {
    return this.first
  }

  get size(): number {
    return this.#total - this.first
  }

  append(rows: readonly LogRow[], connectionId?: string): void {
    for (const row of rows) {
      if (row.type === 'connecting') this.#lastConnectTs = row.ts
      const slot = this.#total % this.#capacity
      this.#rows[slot] = row
      this.#connectTs[slot] = Number.isNaN(this.#lastConnectTs) ? row.ts : this.#lastConnectTs
      this.#connectionIds[slot] = connectionId
      this.#total++
    }
  }

  /** The connection row `n` came from. */
  connectionIdOf(n: number): string | undefined {
    return this.#connectionIds[n % this.#capacity]
  }

  /** The row with absolute number `n`, or undefined if it is not held. */
  row(n: number): LogRow | undefined {
    return n >= this.first && n < this.#total ? this.#rows[n % this.#capacity] : undefined
  }

  /** When the connection last connected before row `n`. */
  connectTsOf(n: number): number {
    return this.#connectTs[n % this.#capacity]!
  }

  /** Every held row, oldest first. */
  *rows(): Generator<LogRow> {
    for (let n = this.first; n < this.#total; n++) yield this.#rows[n % this.#capacity]!
  }

  clear(): void {
    this.#rows = new Array<LogRow | undefined>(this.#capacity)
    this.#total = 0
  }

  /** A buffer of another capacity holding the newest rows of this one. */
  resized(capacity: number): LogBuffer {
    const next = new LogBuffer(capacity)
    const from = Math.max(this.first, this.#total - capacity)
    for (let n = from; n < this.#total; n++) {
      next.#rows[next.#total % capacity] = this.row(n)
      next.#connectTs[next.#total % capacity] = this.connectTsOf(n)
      next.#connectionIds[next.#total % capacity] = this.connectionIdOf(n)
      next.#total++
    }
    next.#lastConnectTs = this.#lastConnectTs
    return next
  }
}
