/**
 * Rows given as objects (an opened file, a recorded run) as a log keeps a message's bytes: its
 * payload, then its SSE fields as the batch format has them (see main/common/batch).
 */
import type { MessageEvent } from '#common/contract/index.ts'
import { decodeBase64 } from '#common/payload/base64.ts'

const encoder = new TextEncoder()

/** A message row's SSE fields as the batch format keeps them, or null if it has none. */
export function sseFieldsOf(row: MessageEvent): string | null {
  if (
    row.event === undefined &&
    row.id === undefined &&
    row.lastEventId === undefined &&
    row.retry === undefined
  )
    return null
  return JSON.stringify([
    row.event ?? null,
    row.id ?? null,
    row.lastEventId ?? null,
    row.retry ?? null,
  ])
}

/** Where rows given as objects are encoded, one after another: reused, grown up to a limit. */
let scratch = new Uint8Array(64 * 1024)
const SCRATCH_LIMIT = 4 * 1024 * 1024

/**
 * A row's payload bytes and SSE fields, as the ring keeps them: a view of `scratch`, good until
 * the next call. A new array per row (TextEncoder.encode) cost more than the encoding itself: a
 * million rows of a file spent 1.8 s in it, and as long again collecting the arrays.
 */
export function rowBytes(
  row: MessageEvent,
  sse: string | null,
): { bytes: Uint8Array; payloadLength: number } {
  const payload = row.data !== undefined ? null : decodeBase64(row.base64 ?? '')
  // UTF-8 takes at most three bytes for each UTF-16 unit.
  const needed = (row.data?.length ?? 0) * 3 + (payload?.length ?? 0) + (sse?.length ?? 0) * 3
  if (needed > scratch.length) {
    if (needed > SCRATCH_LIMIT) return rowBytesApart(row.data, payload, sse)
    scratch = new Uint8Array(Math.max(needed, scratch.length * 2))
  }
  let payloadLength: number
  if (payload === null) payloadLength = encoder.encodeInto(row.data!, scratch).written
  else {
    scratch.set(payload)
    payloadLength = payload.length
  }
  const sseLength =
    sse === null ? 0 : encoder.encodeInto(sse, scratch.subarray(payloadLength)).written
  return { bytes: scratch.subarray(0, payloadLength + sseLength), payloadLength }
}

/** rowBytes for a row too large to encode into the scratch buffer. */
function rowBytesApart(
  data: string | undefined,
  payload: Uint8Array | null,
  sse: string | null,
): { bytes: Uint8Array; payloadLength: number } {
  const bytes = payload ?? encoder.encode(data)
  if (sse === null) return { bytes, payloadLength: bytes.length }
  const fields = encoder.encode(sse)
  const out = new Uint8Array(bytes.length + fields.length)
  out.set(bytes)
  out.set(fields, bytes.length)
  return { bytes: out, payloadLength: bytes.length }
}
