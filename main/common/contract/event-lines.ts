import type { ConnectionEvent } from './connections.ts'

/** One event as one line of a batch. */
export function encodeEventLine(event: ConnectionEvent): string {
  return JSON.stringify(event)
}

/** The events of a batch's `lines`, in order. */
export function decodeEventLines(lines: string): ConnectionEvent[] {
  if (lines === '') return []
  // One parse for the whole batch: the lines joined as a JSON array.
  return JSON.parse(`[${lines.replaceAll('\n', ',')}]`) as ConnectionEvent[]
}
