/**
 * Memory reused for bytes on their way to disk. A firehose's batches, held until their write, would
 * keep the allocator handing out fresh pages (each first touch a page fault: 6–7× as many, and the
 * host doing twice the work per message); copied at once into chunks that go back here after the
 * write, they use the same few megabytes over and over, and each batch is freed as soon as it
 * leaves for the view.
 */
export class ChunkPool {
  readonly chunkBytes: number
  readonly #keep: number
  readonly #free: Uint8Array[] = []

  /** Chunks of `chunkBytes`; at most `keep` are held while unused. */
  constructor(chunkBytes = 1024 * 1024, keep = 16) {
    this.chunkBytes = chunkBytes
    this.#keep = keep
  }

  /** Chunks held for reuse. */
  get idle(): number {
    return this.#free.length
  }

  take(): Uint8Array {
    return this.#free.pop() ?? new Uint8Array(this.chunkBytes)
  }

  give(chunks: readonly Uint8Array[]): void {
    for (const chunk of chunks) if (this.#free.length < this.#keep) this.#free.push(chunk)
  }
}

/**
 * Copies of batches in a pool's chunks, one after another: each copy is a view into a chunk (a
 * batch bigger than a chunk is kept as it is). `release()` gives the chunks back once the copies
 * are written.
 */
export class PooledCopies {
  readonly #pool: ChunkPool
  readonly copies: Uint8Array[] = []
  readonly #chunks: Uint8Array[] = []
  #used = 0

  constructor(pool: ChunkPool) {
    this.#pool = pool
  }

  add(bytes: Uint8Array): void {
    if (bytes.length > this.#pool.chunkBytes) {
      this.copies.push(bytes)
      return
    }
    let chunk = this.#chunks.at(-1)
    if (chunk === undefined || this.#used + bytes.length > chunk.length) {
      chunk = this.#pool.take()
      this.#chunks.push(chunk)
      this.#used = 0
    }
    const copy = chunk.subarray(this.#used, this.#used + bytes.length)
    copy.set(bytes)
    // Batches are read as typed columns: each copy starts 8-aligned, as the batch did.
    this.#used = (this.#used + bytes.length + 7) & ~7
    this.copies.push(copy)
  }

  release(): void {
    this.#pool.give(this.#chunks)
  }
}
