import {
  blockReader,
  FLAG_SSE,
  FLAG_TEXT,
  KIND_CODES,
  KIND_MASK,
  NOT_IN_BLOCK,
  type RowBlock,
} from '#common/batch/index.ts'
import {
  comparedKind,
  withRoom,
  type ComparedLog,
  type ComparedMessage,
  type TextBytes,
} from '#common/compare/index.ts'
import { decodeChunk, type SideChunk } from './compare-chunk.ts'

/** The codes of the kinds that compare as text (a text message, an SSE event without fields). */
const TEXT_KINDS = KIND_CODES.flatMap((kind, code) =>
  comparedKind({ kind }) === 'text' ? [code] : [],
)

/** A chunk as a side holds it: its block, and its messages in the log's order. */
interface HeldChunk {
  /** The side's index of the chunk's first message. */
  first: number
  /** Null once given back (see `release`). */
  block: RowBlock | null
  /** Made at the first read: it decodes the block's text once. */
  read: ((row: number) => ComparedMessage) | null
  /**
   * Per message: its row in the block, or −1 − its index in `whole`; null where every row of the
   * block is a message, in order (most chunks: no array of a million rows to touch).
   */
  order: Int32Array | null
  /** How many messages. */
  length: number
  /** The messages the log kept whole (too large for its ring), decoded on arrival. */
  whole: ComparedMessage[]
}

/**
 * One side's messages as the compare worker holds them: the blocks its chunks brought, read a
 * message at a time as the comparison asks. A million messages decoded up front were a million
 * objects kept alive through the comparison, and the worker spent longer collecting them than
 * comparing; read as asked, each dies young. Arrival times are kept apart, so a block can be
 * given back once its messages are judged (see `release`) and timing still reads them.
 */
export class SideLog implements ComparedLog {
  readonly #chunks: HeldChunk[] = []
  /** The chunk the last read found: reads go mostly in order. */
  #last = 0
  /** Chunks before this one have been released. */
  #released = 0
  #ts = new Float64Array(1024)
  length = 0

  /** Takes a chunk's messages after those it has. */
  add(chunk: SideChunk): void {
    const { take, extras, block } = chunk
    const whole: ComparedMessage[] = []
    if (extras) decodeChunk(extras.chunk, whole)
    // Every row of the block in order (take lists rows ascending) needs no order array.
    const order = extras || take.length !== block.count ? orderOf(chunk, whole) : null
    const length = order?.length ?? take.length
    // Room for the times of every message still to come, made at once: growing by doubling
    // touched twice the final size of fresh memory (about 4 ms a MiB here).
    const needed = this.length + length
    this.#ts = withRoom(
      this.#ts,
      needed > this.#ts.length ? needed + chunk.rest : needed,
      this.length,
    )
    if (order === null) this.#ts.set(block.ts.subarray(0, length), this.length)
    else
      for (let m = 0; m < length; m++) {
        const where = order[m]!
        this.#ts[this.length + m] = where < 0 ? whole[-1 - where]!.ts : block.ts[where]!
      }
    this.#chunks.push({ first: this.length, block, read: null, order, length, whole })
    this.length += length
  }

  at(index: number): ComparedMessage {
    const chunk = this.#chunkOf(index)
    const where = rowIn(chunk, index)
    if (where < 0) return chunk.whole[-1 - where]!
    if (chunk.block === null) throw new Error(`Message ${index} was released: it was judged`)
    chunk.read ??= blockReader(chunk.block)
    return chunk.read(where)
  }

  textAt(index: number, into: TextBytes): boolean {
    const chunk = this.#chunkOf(index)
    const where = rowIn(chunk, index)
    const block = chunk.block
    if (where < 0 || block === null) return false
    const flags = block.flags[where]!
    const length = block.lengths[where]!
    if (
      (flags & (FLAG_TEXT | FLAG_SSE)) !== FLAG_TEXT ||
      !TEXT_KINDS.includes(flags & KIND_MASK) ||
      length === NOT_IN_BLOCK
    )
      return false
    into.bytes = block.bytes
    into.from = block.starts[where]!
    into.to = into.from + length
    return true
  }

  tsAt(index: number): number {
    return this.#ts[index]!
  }

  /**
   * Gives back the blocks whose messages all come before `index` (the comparison has judged
   * them and will not read them again), for the page to copy its next rows into; their times
   * stay.
   */
  release(index: number): RowBlock[] {
    const blocks: RowBlock[] = []
    for (; this.#released < this.#chunks.length; this.#released++) {
      const chunk = this.#chunks[this.#released]!
      if (chunk.first + chunk.length > index) break
      if (chunk.block) blocks.push(chunk.block)
      chunk.block = null
      chunk.read = null
    }
    return blocks
  }

  #chunkOf(index: number): HeldChunk {
    const chunks = this.#chunks
    const last = chunks[this.#last]!
    if (index >= last.first && index < last.first + last.length) return last
    let low = 0
    let high = chunks.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if (chunks[mid]!.first <= index) low = mid
      else high = mid - 1
    }
    this.#last = low
    return chunks[low]!
  }
}

/** Message `index`'s row in its chunk's block, or −1 − its index in the chunk's `whole`. */
function rowIn(chunk: HeldChunk, index: number): number {
  return chunk.order === null ? index - chunk.first : chunk.order[index - chunk.first]!
}

/**
 * Per message of a chunk, in the log's order: its row in the block, or −1 − its index in
 * `whole` (the messages kept whole, falling in place by their row numbers).
 */
function orderOf({ take, extras, first }: SideChunk, whole: ComparedMessage[]): Int32Array {
  const order = new Int32Array(take.length + whole.length)
  let e = 0
  let at = 0
  for (let t = 0; t < take.length; t++) {
    const row = take[t]!
    while (e < whole.length && extras!.rows[e]! < first + row) order[at++] = -1 - e++
    order[at++] = row
  }
  while (e < whole.length) order[at++] = -1 - e++
  return order
}
