/**
 * Rows as a log holds them, copied out in one piece for a worker to read: each row's bytes one
 * after another (its payload, then for an SSE row its fields as JSON, see batch-format.ts), and
 * per row where those bytes start, how many are payload, and its flags. A log makes one with a
 * single copy of its byte ring (LogBuffer.exportBlock); a batch's columns keep payloads and SSE
 * fields apart, so `blockOfBatch` interleaves them.
 */
import { FLAG_SSE, type BatchColumns } from './batch-format.ts'

export interface RowBlock {
  count: number
  /** Where row `i`'s bytes start; `count + 1` entries, the last where the block ends. */
  starts: Uint32Array
  /** Row `i`'s payload length, or NOT_IN_BLOCK for a row whose content is elsewhere. */
  lengths: Uint32Array
  flags: Uint8Array
  bytes: Uint8Array
}

/** The length of a row the block holds no bytes of (a lifecycle event, a message kept whole). */
export const NOT_IN_BLOCK = 0xffff_ffff

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
  return { count: batch.count, starts, lengths, flags: batch.flags.slice(), bytes }
}
