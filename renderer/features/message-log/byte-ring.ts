/**
 * Bytes in a ring: written at the head, let go from the tail, addressed by absolute position (the
 * bytes written before, modulo 2^32, as a u32 column can hold it). It grows by doubling up to its
 * budget; past that the caller lets old bytes go to make room (see LogBuffer).
 */
export class ByteRing {
  #bytes: Uint8Array
  #mask: number
  readonly #budget: number
  /** Absolute position of the next byte written (a JS number: it outgrows 2^32). */
  #head = 0
  #tail = 0

  constructor(initialBytes: number, budgetBytes: number) {
    const size = powerOfTwoAtLeast(Math.min(initialBytes, budgetBytes))
    this.#bytes = new Uint8Array(size)
    this.#mask = size - 1
    this.#budget = powerOfTwoAtLeast(budgetBytes)
  }

  /** Where the next byte goes, modulo 2^32. */
  get head(): number {
    return this.#head >>> 0
  }

  /** Bytes held. */
  get used(): number {
    return this.#head - this.#tail
  }

  get size(): number {
    return this.#bytes.length
  }

  /**
   * Makes room for `length` more bytes by growing if the budget allows; false if it does not
   * (the caller must let old bytes go first, with `release`).
   */
  reserve(length: number): boolean {
    while (this.used + length > this.#bytes.length) {
      if (this.#bytes.length >= this.#budget) return false
      this.#grow()
    }
    return true
  }

  /** Lets go of the bytes before absolute position `position` (mod 2^32). */
  release(position: number): void {
    this.#tail += ((position >>> 0) - (this.#tail >>> 0)) >>> 0
    if (this.#tail > this.#head) this.#tail = this.#head
  }

  /** Appends `bytes` (room reserved first). */
  write(bytes: Uint8Array): void {
    const at = this.#head & this.#mask
    const first = Math.min(bytes.length, this.#bytes.length - at)
    this.#bytes.set(first === bytes.length ? bytes : bytes.subarray(0, first), at)
    if (first < bytes.length) this.#bytes.set(bytes.subarray(first), 0)
    this.#head += bytes.length
  }

  /** The `length` bytes from absolute position `start` (mod 2^32): a view, or a copy if they wrap. */
  read(start: number, length: number): Uint8Array {
    const at = start & this.#mask
    if (at + length <= this.#bytes.length) return this.#bytes.subarray(at, at + length)
    const out = new Uint8Array(length)
    const first = this.#bytes.length - at
    out.set(this.#bytes.subarray(at), 0)
    out.set(this.#bytes.subarray(0, length - first), first)
    return out
  }

  clear(): void {
    this.#head = 0
    this.#tail = 0
  }

  #grow(): void {
    const old = this.#bytes
    const grown = new Uint8Array(old.length * 2)
    const mask = grown.length - 1
    // Every held byte keeps its absolute position: it moves to position & the new mask.
    for (let position = this.#tail; position < this.#head;) {
      const from = position & this.#mask
      const run = Math.min(
        this.#head - position,
        old.length - from,
        grown.length - (position & mask),
      )
      grown.set(old.subarray(from, from + run), position & mask)
      position += run
    }
    this.#bytes = grown
    this.#mask = mask
  }
}

function powerOfTwoAtLeast(n: number): number {
  let size = 1024
  while (size < n) size *= 2
  return size
}
