/** Row numbers in ascending order, read by position: the rows a view shows, or its search hits. */
export interface RowList {
  readonly length: number
  /** The row number at `position` (0 ≤ position < length). */
  at(position: number): number
  /** The position of row `n`, or −1. */
  indexOf(n: number): number
}

/**
 * A growing list of ascending row numbers in an Int32Array (4 bytes a row, where an array of
 * numbers takes 8 or more), let go from the front as the log lets its oldest rows go.
 */
export class RowIndex implements RowList {
  #values: Int32Array
  #head = 0
  #tail: number

  /** `values`: row numbers it starts with, ascending (taken as they are, not copied). */
  constructor(values?: Int32Array) {
    this.#values = values ?? new Int32Array(1024)
    this.#tail = values?.length ?? 0
  }

  get length(): number {
    return this.#tail - this.#head
  }

  at(position: number): number {
    return this.#values[this.#head + position]!
  }

  push(n: number): void {
    if (this.#tail === this.#values.length) {
      const held = this.#values.subarray(this.#head, this.#tail)
      const next =
        // Grown where moving to the front would win little (or nothing: an array given full).
        this.#head === 0 || this.length * 2 > this.#values.length
          ? new Int32Array(Math.max(1024, this.#values.length * 2))
          : this.#values
      next.set(held)
      this.#values = next
      this.#tail -= this.#head
      this.#head = 0
    }
    this.#values[this.#tail++] = n
  }

  /** Lets go of the row numbers below `first`; returns how many went. */
  dropBelow(first: number): number {
    const from = this.#head
    while (this.#head < this.#tail && this.#values[this.#head]! < first) this.#head++
    return this.#head - from
  }

  indexOf(n: number): number {
    const position = this.lowerBound(n)
    return position < this.length && this.at(position) === n ? position : -1
  }

  /** The position of the first row number ≥ `n` (length if none). */
  lowerBound(n: number): number {
    let low = 0
    let high = this.length
    while (low < high) {
      const mid = (low + high) >> 1
      if (this.at(mid) < n) low = mid + 1
      else high = mid
    }
    return low
  }

  clear(): void {
    this.#head = 0
    this.#tail = 0
  }
}

/** Every row from `first` to `total`: the view of a log no filter narrows, stored as two numbers. */
export class RowRange implements RowList {
  first: number
  total: number

  constructor(first = 0, total = 0) {
    this.first = first
    this.total = total
  }

  get length(): number {
    return this.total - this.first
  }

  at(position: number): number {
    return this.first + position
  }

  indexOf(n: number): number {
    return n >= this.first && n < this.total ? n - this.first : -1
  }
}

/** Two lists one after the other: every row of `head` comes before any of `tail`. */
export class JoinedRows implements RowList {
  readonly #head: RowList
  readonly #tail: RowList

  constructor(head: RowList, tail: RowList) {
    this.#head = head
    this.#tail = tail
  }

  get length(): number {
    return this.#head.length + this.#tail.length
  }

  at(position: number): number {
    const split = this.#head.length
    return position < split ? this.#head.at(position) : this.#tail.at(position - split)
  }

  indexOf(n: number): number {
    const inHead = this.#head.indexOf(n)
    if (inHead !== -1) return inHead
    const inTail = this.#tail.indexOf(n)
    return inTail === -1 ? -1 : inTail + this.#head.length
  }
}
