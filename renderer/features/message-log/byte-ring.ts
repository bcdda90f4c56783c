/** How much a ring grows at a time: by half, so at most a third of it is ever unused. */
const GROWTH = 1.5

/**
 * Bytes in a ring: written at the head, let go from the tail, each run of bytes addressed by its
 * offset in the ring. It grows up to its budget, in place (a resizable buffer: nothing is copied
 * but the part that had wrapped around, whose offsets the owner remaps, see `grow`); past the
 * budget the owner lets old bytes go to make room. It is never quite full (one byte stays free),
 * so equal head and tail always mean empty.
 */
export class ByteRing {
  readonly #buffer: ArrayBuffer
  /** Tracks the buffer's length as it grows. */
  readonly #bytes: Uint8Array
  readonly #budget: number
  /** Offset of the next byte written, and of the oldest byte held. */
  #head = 0
  #tail = 0
  #used = 0

  constructor(initialBytes: number, budgetBytes: number) {
    this.#budget = Math.max(1024, budgetBytes)
    this.#buffer = new ArrayBuffer(Math.min(Math.max(1024, initialBytes), this.#budget), {
      maxByteLength: this.#budget,
    })
    this.#bytes = new Uint8Array(this.#buffer)
  }

  /** Where the next byte goes. */
  get head(): number {
    return this.#head
  }

  /** Bytes held. */
  get used(): number {
    return this.#used
  }

  get size(): number {
    return this.#bytes.length
  }

  /** True if `length` more bytes fit without letting any go (growing if the budget allows). */
  fits(length: number): boolean {
    return this.#used + length < this.#bytes.length || this.#bytes.length < this.#budget
  }

  /**
   * Grows to hold `length` more bytes, within the budget. If the held bytes had wrapped around the
   * end, their older part moves to the end of the new size: a run of them at offset `o` is then at
   * `remap(o)`. Returns null when no offset changed.
   */
  grow(length: number): ((offset: number) => number) | null {
    const oldSize = this.#bytes.length
    if (this.#used + length < oldSize) return null
    let size = oldSize
    while (size <= this.#used + length && size < this.#budget)
      size = Math.min(this.#budget, Math.ceil(size * GROWTH))
    this.#buffer.resize(size)
    const tail = this.#tail
    if (this.#used === 0 || this.#head > tail) return null
    // Wrapped: [tail, oldSize) then [0, head). The first part moves to the end, the room between.
    const moved = size - oldSize
    this.#bytes.copyWithin(tail + moved, tail, oldSize)
    this.#tail = tail + moved
    return (offset) => (offset >= tail ? offset + moved : offset)
  }

  /** Lets go of the bytes before offset `offset` (the start of the oldest run still held). */
  release(offset: number): void {
    this.#used -= (offset - this.#tail + this.#bytes.length) % this.#bytes.length
    this.#tail = offset
  }

  /** Lets go of every byte. */
  releaseAll(): void {
    this.#used = 0
    this.#tail = this.#head
  }

  /** Appends `bytes` (room made first: see `fits`, `grow` and `release`). */
  write(bytes: Uint8Array): void {
    const at = this.#head
    const first = Math.min(bytes.length, this.#bytes.length - at)
    this.#bytes.set(first === bytes.length ? bytes : bytes.subarray(0, first), at)
    if (first < bytes.length) this.#bytes.set(bytes.subarray(first), 0)
    this.#head = (at + bytes.length) % this.#bytes.length
    this.#used += bytes.length
  }

  /**
   * A copy of the `length` bytes from offset `start` (TextDecoder refuses views of a resizable
   * buffer; rows are read only for what is on screen).
   */
  read(start: number, length: number): Uint8Array<ArrayBuffer> {
    if (start + length <= this.#bytes.length) return this.#bytes.slice(start, start + length)
    const out = new Uint8Array(length)
    const first = this.#bytes.length - start
    out.set(this.#bytes.subarray(start), 0)
    out.set(this.#bytes.subarray(0, length - first), first)
    return out
  }

  /** Copies the `length` bytes from offset `start` into `target` at `at`. */
  copyTo(start: number, length: number, target: Uint8Array, at: number): void {
    const first = Math.min(length, this.#bytes.length - start)
    target.set(this.#bytes.subarray(start, start + first), at)
    if (first < length) target.set(this.#bytes.subarray(0, length - first), at + first)
  }

  clear(): void {
    this.#head = 0
    this.#tail = 0
    this.#used = 0
  }
}
