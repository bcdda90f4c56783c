/** Bytes in a segment: 64 KiB, so a log holds at most one segment more than it uses. */
export const SEGMENT_BYTES = 1 << 16
const SHIFT = 16
const MASK = SEGMENT_BYTES - 1

/** Where a queue gets its segments from when it has none to reuse (see segment-supply.ts). */
export interface SegmentSupply {
  /** A segment of SEGMENT_BYTES whose memory is ready, or null (the queue allocates one). */
  take(): ArrayBuffer | null
}

/**
 * Bytes in a queue: written at the head, let go from the tail, each run of bytes addressed by its
 * position: a byte count since the queue began, modulo 2^32 (a Uint32Array column holds it; the
 * bytes held are always far fewer than 2^32, so `(to - from) >>> 0` is a distance). The bytes sit
 * in segments of 64 KiB: a segment let go is used again at the head, so nothing ever moves and no
 * position changes as the queue grows, and new segments can come from a supply whose memory was
 * made ready elsewhere. Bounded by a byte budget: past it the owner lets old bytes go.
 */
export class ByteQueue {
  readonly #budget: number
  readonly #supply: SegmentSupply | null
  /** The segments from the one holding the tail to the one holding the head. */
  #segments: Uint8Array<ArrayBuffer>[] = []
  /** Segments let go, to be used again. */
  readonly #spare: Uint8Array<ArrayBuffer>[] = []
  /** The position of the first segment's first byte (a multiple of SEGMENT_BYTES). */
  #base = 0
  #head = 0
  #tail = 0

  constructor(budgetBytes: number, supply: SegmentSupply | null = null) {
    this.#budget = budgetBytes
    this.#supply = supply
  }

  /** The position of the next byte written. */
  get head(): number {
    return this.#head
  }

  /** Bytes held. */
  get used(): number {
    return (this.#head - this.#tail) >>> 0
  }

  /** True if `length` more bytes fit in the budget without letting any go. */
  fits(length: number): boolean {
    return this.used + length <= this.#budget
  }

  /** Appends `bytes` (room made first: see `fits` and `release`). */
  write(bytes: Uint8Array): void {
    for (let from = 0; from < bytes.length;) {
      const index = ((this.#head - this.#base) >>> 0) >>> SHIFT
      const segment = this.#segments[index] ?? this.#addSegment()
      const within = this.#head & MASK
      const length = Math.min(bytes.length - from, SEGMENT_BYTES - within)
      segment.set(length === bytes.length ? bytes : bytes.subarray(from, from + length), within)
      from += length
      this.#head = (this.#head + length) >>> 0
    }
  }

  /**
   * A copy of the `length` bytes at position `start` (a view would change under its holder once
   * its segment is used again; rows are read only for what is on screen).
   */
  read(start: number, length: number): Uint8Array<ArrayBuffer> {
    // An empty run may sit where no segment is yet (the head, at a segment's end).
    if (length === 0) return new Uint8Array(0)
    const within = start & MASK
    if (within + length <= SEGMENT_BYTES)
      return this.#segmentAt(start).slice(within, within + length)
    const out = new Uint8Array(length)
    this.copyTo(start, length, out, 0)
    return out
  }

  /** Copies the `length` bytes at position `start` into `target` at `at`. */
  copyTo(start: number, length: number, target: Uint8Array, at: number): void {
    for (let done = 0; done < length;) {
      const position = (start + done) >>> 0
      const within = position & MASK
      const run = Math.min(length - done, SEGMENT_BYTES - within)
      target.set(this.#segmentAt(position).subarray(within, within + run), at + done)
      done += run
    }
  }

  /** Lets go of the bytes before position `position` (the start of the oldest run still held). */
  release(position: number): void {
    this.#tail = position
    while ((this.#tail - this.#base) >>> 0 >= SEGMENT_BYTES) {
      this.#spare.push(this.#segments.shift()!)
      this.#base = (this.#base + SEGMENT_BYTES) >>> 0
    }
  }

  /** Lets go of every byte. */
  releaseAll(): void {
    this.release(this.#head)
  }

  /** Lets go of every byte, and starts again at position 0. */
  clear(): void {
    this.#spare.push(...this.#segments)
    this.#segments = []
    this.#base = this.#head = this.#tail = 0
  }

  #segmentAt(position: number): Uint8Array<ArrayBuffer> {
    return this.#segments[((position - this.#base) >>> 0) >>> SHIFT]!
  }

  #addSegment(): Uint8Array<ArrayBuffer> {
    const segment =
      this.#spare.pop() ??
      new Uint8Array(this.#supply?.take() ?? new ArrayBuffer(SEGMENT_BYTES), 0, SEGMENT_BYTES)
    this.#segments.push(segment)
    return segment
  }
}
