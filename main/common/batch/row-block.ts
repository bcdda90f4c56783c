/**
 * Rows as a log holds them, copied out in one piece for a worker to read: each row's bytes one
 * after another (its payload, then for an SSE row its fields as JSON, see batch-format.ts), and
 * per row its sequence number, time, size and flags, where its bytes start and how many are
 * payload. A log makes one with a
 * single copy of its byte ring (LogBuffer.exportBlock); a batch's columns keep payloads and SSE
 * fields apart, so `blockOfBatch` interleaves them.
 */
import type { MessageEvent } from '../contract/index.ts'
import { FLAG_SSE, type BatchColumns } from './batch-format.ts'
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

/** Row `i` of a block (one it holds the bytes of) as the message event the rest of the app knows. */
export function messageOfBlock(block: RowBlock, i: number): MessageEvent {
  const flags = block.flags[i]!
  const from = block.starts[i]!
  const payloadEnd = from + block.lengths[i]!
  return messageOf(
    block.seq[i]!,
    block.ts[i]!,
    block.size[i]!,
    flags,
    block.bytes.subarray(from, payloadEnd),
    flags & FLAG_SSE ? block.bytes.subarray(payloadEnd, block.starts[i + 1]) : null,
  )
}
