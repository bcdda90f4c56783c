/**
 * Rows as a log holds them, copied out in one piece for a worker to read: each row's bytes one
 * after another (its payload, then for an SSE row its fields as JSON, see batch-format.ts), and
 * per row its sequence number, time, size and flags, where its bytes start and how many are
 * payload. A log makes one with a single copy out of its byte queue (LogBuffer.exportBlock); a
 * batch's columns keep payloads and SSE fields apart, so `blockOfBatch` interleaves them.
 */
import type { MessageEvent } from '../contract/index.ts'
import { FLAG_SSE, FLAG_TEXT, type BatchColumns } from './batch-format.ts'
import { messageOf } from './batch-rows.ts'

export interface RowBlock {
  count: number
  seq: Float64Array
  ts: Float64Array
  /** Each row's size on the wire. */
  size: Uint32Array
  /** Where row `i`'s bytes start; `count + 1` entries, the last where the block ends. */
  starts: Uint32Array
  /** Row `i`'s payload length, or NOT_IN_BLOCK for a row whose content is elsewhere. */
  lengths: Uint32Array
  flags: Uint8Array
  bytes: Uint8Array
}

/** The length of a row the block holds no bytes of (a lifecycle event, a message kept whole). */
export const NOT_IN_BLOCK = 0xffff_ffff

/** The buffers of a block, to transfer it. */
export function buffersOf(block: RowBlock): ArrayBuffer[] {
  return [
    block.seq,
    block.ts,
    block.size,
    block.starts,
    block.lengths,
    block.flags,
    block.bytes,
  ].map((array) => array.buffer as ArrayBuffer)
}

/** A batch's message rows as a block. */
export function blockOfBatch(batch: BatchColumns): RowBlock {
  const bytes = new Uint8Array(batch.payload.length + batch.sse.length)
  const starts = new Uint32Array(batch.count + 1)
  const lengths = new Uint32Array(batch.count)
  let at = 0
  for (let i = 0; i < batch.count; i++) {
    starts[i] = at
    const payload = batch.payload.subarray(
      i === 0 ? 0 : batch.payloadEnd[i - 1],
      batch.payloadEnd[i],
    )
    bytes.set(payload, at)
    lengths[i] = payload.length
    at += payload.length
    if (batch.flags[i]! & FLAG_SSE) {
      const sse = batch.sse.subarray(i === 0 ? 0 : batch.sseEnd[i - 1], batch.sseEnd[i])
      bytes.set(sse, at)
      at += sse.length
    }
  }
  starts[batch.count] = at
  return {
    count: batch.count,
    seq: batch.seq.slice(),
    ts: batch.ts.slice(),
    size: batch.size.slice(),
    starts,
    lengths,
    flags: batch.flags.slice(),
    bytes,
  }
}

/**
 * A batch's message rows as a block that shares the batch's buffers, to read where it is (a
 * search in the host); `blockOfBatch` makes one to transfer. SSE rows interleave their fields, so
 * a batch with any is copied.
 */
export function blockViewOfBatch(batch: BatchColumns): RowBlock {
  if (batch.sse.length > 0) return blockOfBatch(batch)
  const starts = new Uint32Array(batch.count + 1)
  const lengths = new Uint32Array(batch.count)
  let at = 0
  for (let i = 0; i < batch.count; i++) {
    starts[i] = at
    lengths[i] = batch.payloadEnd[i]! - at
    at = batch.payloadEnd[i]!
  }
  starts[batch.count] = at
  const { count, seq, ts, size, flags } = batch
  return { count, seq, ts, size, starts, lengths, flags, bytes: batch.payload }
}

const decoder = new TextDecoder()

/** True when every byte is ASCII (read four at a time). */
function isAscii(bytes: Uint8Array): boolean {
  const words = bytes.length >>> 2
  const wide = new Uint32Array(bytes.buffer, bytes.byteOffset, words)
  let any = 0
  for (let i = 0; i < words; i++) any |= wide[i]!
  for (let i = words << 2; i < bytes.length; i++) any |= bytes[i]!
  return (any & 0x8080_8080) === 0
}

/**
 * A reader of a block's rows (ones it holds the bytes of) as the message events the rest of the
 * app knows. Where the block is all ASCII (most logs), its bytes are decoded once and each row's
 * text sliced out, bytes and characters lining up: decoding row by row costs about 1 µs a row.
 */
export function blockReader(block: RowBlock): (i: number) => MessageEvent {
  const { bytes, starts, lengths, flags } = block
  const text = bytes.byteOffset % 4 === 0 && isAscii(bytes) ? decoder.decode(bytes) : null
  return (i) => {
    const rowFlags = flags[i]!
    const from = starts[i]!
    const payloadEnd = from + lengths[i]!
    const sseEnd = starts[i + 1]!
    return messageOf(
      block.seq[i]!,
      block.ts[i]!,
      block.size[i]!,
      rowFlags,
      text !== null && rowFlags & FLAG_TEXT
        ? text.slice(from, payloadEnd)
        : bytes.subarray(from, payloadEnd),
      rowFlags & FLAG_SSE
        ? text !== null
          ? text.slice(payloadEnd, sseEnd)
          : bytes.subarray(payloadEnd, sseEnd)
        : null,
    )
  }
}
