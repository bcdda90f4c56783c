/**
 * Rows given as objects (an opened file, a recorded run) as a log keeps a message's bytes: its
 * payload, then its SSE fields as the batch format has them (see main/common/batch).
 */
import { sseFieldsJson } from '#common/batch/index.ts'
import type { MessageEvent } from '#common/contract/index.ts'
import { decodeBase64 } from '#common/payload/base64.ts'
import { encodeUtf8Into } from '#common/payload/utf8.ts'

const encoder = new TextEncoder()

/** A message row's SSE fields as the batch format keeps them, or null if it has none. */
export function sseFieldsOf(row: MessageEvent): string | null {
  const none =
    row.event === undefined &&
    row.id === undefined &&
    row.lastEventId === undefined &&
    row.retry === undefined
  return none ? null : sseFieldsJson(row)
}

/** Where text rows are encoded, one after another: reused, grown up to a limit. */
let scratch = new Uint8Array(64 * 1024)
const SCRATCH_LIMIT = 4 * 1024 * 1024

/**
 * A row's payload bytes and SSE fields, as the log's byte queue keeps them. A text row's are a
 * view of `scratch`, good until the next call: a new array per row (TextEncoder.encode) cost more than
 * the encoding itself (a million rows of a file spent 1.8 s in it, and as long again collecting
 * the arrays); and short text is encoded in script (see utf8.ts).
 */
export function rowBytes(
  row: MessageEvent,
  sse: string | null,
): { bytes: Uint8Array; payloadLength: number } {
  if (row.data === undefined) return joined(decodeBase64(row.base64 ?? ''), sse)
  // UTF-8 takes at most three bytes for each UTF-16 unit.
  const needed = (row.data.length + (sse?.length ?? 0)) * 3
  if (needed > SCRATCH_LIMIT) return joined(encoder.encode(row.data), sse)
  if (needed > scratch.length) scratch = new Uint8Array(Math.max(needed, scratch.length * 2))
  const payloadLength = encodeUtf8Into(row.data, scratch)
  const sseLength = sse === null ? 0 : encodeUtf8Into(sse, scratch.subarray(payloadLength))
  return { bytes: scratch.subarray(0, payloadLength + sseLength), payloadLength }
}

/** A payload with the SSE fields after it, in an array of their own. */
function joined(
  payload: Uint8Array,
  sse: string | null,
): { bytes: Uint8Array; payloadLength: number } {
  if (sse === null) return { bytes: payload, payloadLength: payload.length }
  const fields = encoder.encode(sse)
  const bytes = new Uint8Array(payload.length + fields.length)
  bytes.set(payload)
  bytes.set(fields, payload.length)
  return { bytes, payloadLength: payload.length }
}
