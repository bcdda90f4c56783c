import { BatchBuilder } from '#common/batch/index.ts'
import type { ConnectionEvent } from '#common/contract/index.ts'

/** A batch (main/common/batch) holding `events`, as a connection's record would make it. */
export function batchOf(
  events: readonly ConnectionEvent[],
  batch = 1,
  connectionId = 'c1',
): Uint8Array {
  const builder = new BatchBuilder()
  for (const event of events) {
    if (event.type !== 'message') {
      builder.addEvent(event)
      continue
    }
    const text = event.data !== undefined
    const payload = text
      ? event.data!
      : Uint8Array.from(atob(event.base64 ?? ''), (char) => char.charCodeAt(0))
    const sse =
      event.event !== undefined || event.id !== undefined || event.lastEventId !== undefined
        ? { event: event.event, id: event.id, lastEventId: event.lastEventId, retry: event.retry }
        : undefined
    builder.addMessage(
      event.seq,
      event.ts,
      event.size,
      event.kind,
      event.direction,
      payload,
      { text, truncated: event.truncated === true },
      sse,
    )
  }
  return builder.encode({
    connectionId,
    batch,
    skipped: 0,
    stats: { messagesIn: 0, messagesOut: 0, bytesIn: 0, bytesOut: 0, skipped: 0 },
    throttled: false,
  })
}
