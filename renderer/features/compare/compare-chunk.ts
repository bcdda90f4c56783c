import {
  buffersOf,
  FLAG_OUT,
  KIND_CODES,
  KIND_MASK,
  NOT_IN_BLOCK,
  type RowBlock,
} from '#common/batch/index.ts'
import type { ComparedMessage, CompareOptions, MessageList } from '#common/compare/index.ts'
import type { LogSource } from '../message-log/log-source.ts'
import { RowIndex } from '../message-log/row-index.ts'

/**
 * A chunk of messages as columns: numbers in typed arrays (transferred, not copied) and every
 * text field in one string with offsets. Structured clone copies one string and a few buffers
 * instead of thousands of small objects (about 1 µs each): a million messages cross to the
 * worker in a fraction of the time, with almost no garbage on the page's side.
 */
export interface MessageChunk {
  count: number
  seq: Float64Array
  ts: Float64Array
  size: Float64Array
  /** Per message: kind index × 2 + (1 when sent). */
  flags: Uint8Array
  /** Per message, 4 fields (data, base64, event, id/lastEventId packed): [start, end) in `text`. */
  offsets: Uint32Array
  /** Per message, which of the 5 optional fields are present (bit per field). */
  present: Uint8Array
  text: string
}

const FIELDS = ['data', 'base64', 'event', 'id', 'lastEventId'] as const

const KIND_INDEX = new Map(KIND_CODES.map((kind, index) => [kind, index]))

export function encodeChunk(messages: readonly ComparedMessage[]): MessageChunk {
  const count = messages.length
  const seq = new Float64Array(count)
  const ts = new Float64Array(count)
  const size = new Float64Array(count)
  const flags = new Uint8Array(count)
  const offsets = new Uint32Array(count * FIELDS.length * 2)
  const present = new Uint8Array(count)
  const parts: string[] = []
  let position = 0
  let at = 0
  /** Field `bit` of the message in hand: its span in `text`, and its bit in `present`. */
  const put = (value: string | undefined, bit: number): number => {
    if (value === undefined) {
      at += 2
      return 0
    }
    offsets[at++] = position
    position += value.length
    offsets[at++] = position
    parts.push(value)
    return bit
  }
  for (let i = 0; i < count; i++) {
    const message = messages[i]!
    seq[i] = message.seq
    ts[i] = message.ts
    size[i] = message.size
    flags[i] = KIND_INDEX.get(message.kind)! * 2 + (message.direction === 'out' ? 1 : 0)
    // The fields in FIELDS order, read by name: one property access each, not a keyed lookup.
    present[i] =
      put(message.data, 1) |
      put(message.base64, 2) |
      put(message.event, 4) |
      put(message.id, 8) |
      put(message.lastEventId, 16)
  }
  return { count, seq, ts, size, flags, offsets, present, text: parts.join('') }
}

/** The buffers to transfer with a chunk. */
export function transferablesOf(chunk: MessageChunk): ArrayBuffer[] {
  return [chunk.seq, chunk.ts, chunk.size, chunk.flags, chunk.offsets, chunk.present].map(
    (array) => array.buffer as ArrayBuffer,
  )
}

export function decodeChunk(chunk: MessageChunk, into: ComparedMessage[]): void {
  for (let i = 0; i < chunk.count; i++) {
    const flags = chunk.flags[i]!
    const message: ComparedMessage = {
      seq: chunk.seq[i]!,
      ts: chunk.ts[i]!,
      size: chunk.size[i]!,
      kind: KIND_CODES[flags >> 1]!,
      direction: flags & 1 ? 'out' : 'in',
    }
    const present = chunk.present[i]!
    for (let f = 0; f < FIELDS.length; f++) {
      if (!(present & (1 << f))) continue
      const at = (i * FIELDS.length + f) * 2
      message[FIELDS[f]!] = chunk.text.slice(chunk.offsets[at], chunk.offsets[at + 1])
    }
    into.push(message)
  }
}

/**
 * One side's next messages for the worker: rows of its log as a block (copied out in one piece,
 * see LogBuffer.exportBlock, decoded in the worker) with which of them the comparison takes, and
 * the few messages the log keeps as objects (too large for its ring) with their row numbers, so
 * they fall in place.
 */
export interface SideChunk {
  /** The row number of the block's row 0. */
  first: number
  block: RowBlock
  /** Indices in the block of the messages compared, ascending. */
  take: Uint32Array
  extras: { rows: Float64Array; chunk: MessageChunk } | null
  /** Rows the log had after this chunk's: at most that many messages are still to come. */
  rest: number
}

/** The buffers to transfer with a side chunk (its block's, kept or given back). */
export function transferablesOfSide(side: SideChunk): ArrayBuffer[] {
  return [
    ...buffersOf(side.block),
    side.take.buffer as ArrayBuffer,
    ...(side.extras
      ? [side.extras.rows.buffer as ArrayBuffer, ...transferablesOf(side.extras.chunk)]
      : []),
  ]
}

/** What a side feed reads of a log. */
export type SideSource = Pick<LogSource, 'held' | 'total' | 'row' | 'exportBlock'>

/**
 * Rows per side chunk. The first chunk of each side is small, enough for the worker's first look
 * and quick to copy and send; the rest are larger, few messages for the page, but each copied
 * in one task: into fresh memory (the first few, before the worker gives blocks back) 1 MiB took
 * up to 40 ms here, under contention.
 */
const FIRST_CHUNK = { rows: 2_048, bytes: 256 * 1024 }
const SIDE_CHUNK = { rows: 4_096, bytes: 512 * 1024 }

/**
 * The messages a comparison takes from a log, a chunk at a time (direction and kind filters
 * applied by the rows' flags, without decoding them), and `read`: the row numbers of those
 * messages, in the order the worker gets them, for the pair list and the diff to decode the few
 * on screen. Skipped-rows markers are counted.
 */
export function createSideFeed(source: SideSource, options: CompareOptions) {
  // Which flags (kind and direction bits) the filters let through.
  const allowed = new Uint8Array(16)
  for (let code = 0; code < KIND_CODES.length; code++)
    for (const direction of options.directions)
      if (options.kinds.includes(KIND_CODES[code]!))
        allowed[code | (direction === 'out' ? FLAG_OUT : 0)] = 1
  const read = new SideMessages(source)
  let next = source.held
  let skipped = 0
  const spares: RowBlock[] = []
  return {
    read,
    skipped: () => skipped,
    /** Gives back a block the worker is done with, to copy the next rows into. */
    spare(block: RowBlock): void {
      spares.push(block)
    },
    /** The next chunk, or null when the log has no more rows. */
    next(): SideChunk | null {
      if (next >= source.total) return null
      const {
        first,
        block,
        next: after,
      } = source.exportBlock(
        next,
        source.total,
        next === source.held ? FIRST_CHUNK : SIDE_CHUNK,
        spares.pop(),
      )
      next = after
      const take: number[] = []
      const whole: ComparedMessage[] = []
      const wholeRows: number[] = []
      for (let i = 0; i < block.count; i++) {
        const n = first + i
        if (block.lengths[i] !== NOT_IN_BLOCK) {
          if (allowed[block.flags[i]! & (KIND_MASK | FLAG_OUT)]) {
            take.push(i)
            read.push(n)
          }
          continue
        }
        const row = source.row(n)
        if (row?.type === 'skipped') skipped += row.count
        else if (
          row?.type === 'message' &&
          options.directions.includes(row.direction) &&
          options.kinds.includes(row.kind)
        ) {
          whole.push(row)
          wholeRows.push(n)
          read.push(n)
        }
      }
      return {
        first,
        block,
        take: Uint32Array.from(take),
        rest: source.total - after,
        extras:
          whole.length === 0
            ? null
            : { rows: Float64Array.from(wholeRows), chunk: encodeChunk(whole) },
      }
    },
  }
}

export type SideFeed = ReturnType<typeof createSideFeed>

/**
 * The messages one side compared, by position: their row numbers in its log, each decoded when
 * asked (the log keeps the last few decoded). A row a live log has let go since reads undefined.
 */
export class SideMessages implements MessageList {
  readonly #source: Pick<LogSource, 'row'>
  readonly #rows = new RowIndex()

  constructor(source: Pick<LogSource, 'row'>) {
    this.#source = source
  }

  get length(): number {
    return this.#rows.length
  }

  push(n: number): void {
    this.#rows.push(n)
  }

  at(index: number): ComparedMessage | undefined {
    if (index < 0 || index >= this.#rows.length) return undefined
    const row = this.#source.row(this.#rows.at(index))
    return row?.type === 'message' ? row : undefined
  }
}
