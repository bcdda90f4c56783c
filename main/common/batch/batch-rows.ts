import type { ConnectionEvent, MessageEvent } from '../contract/index.ts'
import { encodeBase64 } from '../payload/base64.ts'
import {
  FLAG_OUT,
  FLAG_SSE,
  FLAG_TEXT,
  FLAG_TRUNCATED,
  KIND_CODES,
  KIND_MASK,
  type BatchColumns,
} from './batch-format.ts'

const decoder = new TextDecoder()

/** The payload bytes of message row `i`. */
export function payloadOf(columns: BatchColumns, i: number): Uint8Array {
  return columns.payload.subarray(i === 0 ? 0 : columns.payloadEnd[i - 1], columns.payloadEnd[i])
}

/**
 * A message row as the event the rest of the app knows, from its column values, its payload bytes
 * and (an SSE row) its fields as JSON: the one decoder for batches, blocks and the view's log. A
 * text row's payload and the fields may come already decoded, as strings.
 */
export function messageOf(
  seq: number,
  ts: number,
  size: number,
  flags: number,
  payload: Uint8Array | string,
  sseFields: Uint8Array | string | null,
): MessageEvent {
  const event: MessageEvent = {
    type: 'message',
    seq,
    ts,
    direction: flags & FLAG_OUT ? 'out' : 'in',
    kind: KIND_CODES[flags & KIND_MASK]!,
    size,
  }
  if (typeof payload === 'string') event.data = payload
  else if (flags & FLAG_TEXT) event.data = decoder.decode(payload)
  else event.base64 = encodeBase64(payload)
  if (flags & FLAG_TRUNCATED) event.truncated = true
  if (flags & FLAG_SSE && sseFields !== null) {
    const json = typeof sseFields === 'string' ? sseFields : decoder.decode(sseFields)
    const [name, id, lastEventId, retry] = JSON.parse(json) as [
      string | null,
      string | null,
      string | null,
      number | null,
    ]
    if (name !== null) event.event = name
    if (id !== null) event.id = id
    if (lastEventId !== null) event.lastEventId = lastEventId
    if (retry !== null) event.retry = retry
  }
  return event
}

/** Message row `i` of a batch. */
export function messageAt(columns: BatchColumns, i: number): MessageEvent {
  const flags = columns.flags[i]!
  return messageOf(
    columns.seq[i]!,
    columns.ts[i]!,
    columns.size[i]!,
    flags,
    payloadOf(columns, i),
    flags & FLAG_SSE
      ? columns.sse.subarray(i === 0 ? 0 : columns.sseEnd[i - 1], columns.sseEnd[i])
      : null,
  )
}

/** Every event of a batch as objects, messages and the rest merged in seq order. */
export function eventsOf(
  batch: BatchColumns & { events: readonly ConnectionEvent[] },
): ConnectionEvent[] {
  const all: ConnectionEvent[] = []
  let other = 0
  for (let i = 0; i < batch.count; i++) {
    while (other < batch.events.length && batch.events[other]!.seq < batch.seq[i]!)
      all.push(batch.events[other++]!)
    all.push(messageAt(batch, i))
  }
  while (other < batch.events.length) all.push(batch.events[other++]!)
  return all
}
