import type {
  ConnectionEvent,
  ConnectionId,
  ConnectionStats,
  MessageKind,
} from '../contract/index.ts'

/**
 * A batch of one connection's events as binary columns: what the host sends the view, and what a
 * recording keeps. Message rows are columns of numbers plus one pool of payload bytes, so a batch
 * of thousands is a few copies to make and to read, not thousands of small objects; the rare
 * lifecycle events (connecting, open, error, reconnecting, close) travel as JSON in the header.
 *
 * Layout, in the platform's byte order (little-endian on every target), each typed column at a
 * multiple of its element size from the start:
 *
 *     0  "RPB" 1                   magic and version
 *     4  u32 H                     header length
 *     8  header                    UTF-8 JSON (BatchHeader), zero-padded to a multiple of 8
 *        f64 seq[n]  f64 ts[n]  u32 size[n]  u32 payloadEnd[n]  u32 sseEnd[n]  u8 flags[n]
 *        payload bytes             row i is [payloadEnd[i-1], payloadEnd[i])
 *        SSE bytes                 row i is [sseEnd[i-1], sseEnd[i]): JSON [event, id, lastEventId, retry]
 */
export const BATCH_MAGIC = 0x01425052 // "RPB" 1, read as a little-endian u32

/** The kinds in the order of their codes in the flags (bits 0–2). */
export const KIND_CODES: readonly MessageKind[] = [
  'text',
  'binary',
  'sse-event',
  'sse-comment',
  'sse-retry',
  'ping',
  'pong',
]
export const KIND_MASK = 0b111
/** Sent by this side (direction "out"). */
export const FLAG_OUT = 1 << 3
/** The payload is UTF-8 text, shown as `data`; otherwise bytes, shown as `base64`. */
export const FLAG_TEXT = 1 << 4
/** The payload is a preview of a larger message (see MessageEvent.truncated). */
export const FLAG_TRUNCATED = 1 << 5
/** The row has SSE fields in the SSE pool. */
export const FLAG_SSE = 1 << 6

/** Bytes of columns per message row, besides its payload and SSE fields. */
export const ROW_BYTES = 8 + 8 + 4 + 4 + 4 + 1

/** What a batch says besides its message rows. */
export interface BatchHeader {
  connectionId: ConnectionId
  /** Per-connection batch number; acknowledge it with `ackMessages`. */
  batch: number
  /** Message rows left out of the live view just before these (sampling mode), or 0. */
  skipped: number
  stats: ConnectionStats
  /**
   * The connection was paused since the previous batch because the view was a window behind
   * (lossless delivery: TCP backpressure throttles the server).
   */
  throttled: boolean
  /** Everything but message rows, in order; each has its seq among the rows'. */
  events: ConnectionEvent[]
  /** Message rows in the columns. */
  count: number
}

/** The columns of a batch's message rows (views into one buffer when read). */
export interface BatchColumns {
  count: number
  seq: Float64Array
  ts: Float64Array
  size: Uint32Array
  payloadEnd: Uint32Array
  sseEnd: Uint32Array
  flags: Uint8Array
  payload: Uint8Array
  sse: Uint8Array
}

/** A decoded batch: its header and its columns, ready to copy from or read row by row. */
export type BatchView = Omit<BatchHeader, 'count'> & BatchColumns

export class BatchFormatError extends Error {
  override name = 'BatchFormatError'
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

const padTo8 = (n: number): number => (n + 7) & ~7

/**
 * Encodes a batch. `events` is the header's events already as JSON texts (the record encodes each
 * once, for the view and the recording alike).
 */
export function encodeBatch(
  header: Omit<BatchHeader, 'events' | 'count'>,
  eventsJson: readonly string[],
  columns: BatchColumns,
): Uint8Array {
  const n = columns.count
  const headerBytes = encoder.encode(
    `{"connectionId":${JSON.stringify(header.connectionId)},"batch":${header.batch},"skipped":${header.skipped},` +
      `"stats":${JSON.stringify(header.stats)},"throttled":${header.throttled},"count":${n},"events":[${eventsJson.join(',')}]}`,
  )
  const payloadBytes = n === 0 ? 0 : columns.payloadEnd[n - 1]!
  const sseBytes = n === 0 ? 0 : columns.sseEnd[n - 1]!
  const columnsAt = padTo8(8 + headerBytes.length)
  const payloadAt = columnsAt + n * ROW_BYTES
  const out = new Uint8Array(payloadAt + payloadBytes + sseBytes)
  const words = new Uint32Array(out.buffer, 0, 2)
  words[0] = BATCH_MAGIC
  words[1] = headerBytes.length
  out.set(headerBytes, 8)
  let at = columnsAt
  const put = (column: ArrayBufferView): void => {
    out.set(new Uint8Array(column.buffer, column.byteOffset, column.byteLength), at)
    at += column.byteLength
  }
  put(columns.seq.subarray(0, n))
  put(columns.ts.subarray(0, n))
  put(columns.size.subarray(0, n))
  put(columns.payloadEnd.subarray(0, n))
  put(columns.sseEnd.subarray(0, n))
  put(columns.flags.subarray(0, n))
  out.set(columns.payload.subarray(0, payloadBytes), at)
  out.set(columns.sse.subarray(0, sseBytes), at + payloadBytes)
  return out
}

/**
 * Reads a batch without copying its columns (they are views into `bytes`). Throws
 * BatchFormatError, saying what is wrong, for anything that is not a whole batch.
 */
export function readBatch(input: Uint8Array): BatchView {
  // Typed views need aligned offsets: a Buffer may sit anywhere in Node's shared pool (and its
  // slice() is a view: copied here with the constructor).
  const bytes = input.byteOffset % 8 === 0 ? input : new Uint8Array(input)
  if (bytes.length < 8) throw new BatchFormatError(`A batch of ${bytes.length} bytes is too short`)
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, 2)
  if (words[0] !== BATCH_MAGIC) throw new BatchFormatError('Not a batch of this version')
  const headerLength = words[1]!
  if (8 + headerLength > bytes.length)
    throw new BatchFormatError(`The header claims ${headerLength} bytes; the batch is shorter`)
  let header: BatchHeader
  try {
    header = JSON.parse(decoder.decode(bytes.subarray(8, 8 + headerLength))) as BatchHeader
  } catch {
    throw new BatchFormatError('The batch header is not JSON')
  }
  const n = header.count
  if (!Number.isSafeInteger(n) || n < 0 || !Array.isArray(header.events))
    throw new BatchFormatError('The batch header has no row count or events')
  let at = padTo8(8 + headerLength)
  if (at + n * ROW_BYTES > bytes.length)
    throw new BatchFormatError(`The batch is too short for its ${n} rows`)
  const take = <T>(
    make: new (buffer: ArrayBuffer, offset: number, length: number) => T,
    size: number,
  ): T => {
    const view = new make(bytes.buffer as ArrayBuffer, bytes.byteOffset + at, n)
    at += n * size
    return view
  }
  const seq = take(Float64Array, 8)
  const ts = take(Float64Array, 8)
  const size = take(Uint32Array, 4)
  const payloadEnd = take(Uint32Array, 4)
  const sseEnd = take(Uint32Array, 4)
  const flags = take(Uint8Array, 1)
  const payloadBytes = n === 0 ? 0 : payloadEnd[n - 1]!
  const sseBytes = n === 0 ? 0 : sseEnd[n - 1]!
  if (at + payloadBytes + sseBytes !== bytes.length)
    throw new BatchFormatError(
      `The batch's rows claim ${payloadBytes + sseBytes} bytes of payload; it holds ${bytes.length - at}`,
    )
  const { count: _count, ...rest } = header
  return {
    ...rest,
    count: n,
    seq,
    ts,
    size,
    payloadEnd,
    sseEnd,
    flags,
    payload: bytes.subarray(at, at + payloadBytes),
    sse: bytes.subarray(at + payloadBytes, at + payloadBytes + sseBytes),
  }
}
