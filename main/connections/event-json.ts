import type { MessageEvent } from '#common/contract/index.ts'

/**
 * A message event as JSON, written field by field: the hot path of the pipeline, about twice as
 * fast as JSON.stringify on the object, and equal to it (a unit test holds it to that).
 */
export function messageEventJson(event: MessageEvent): string {
  let json = `{"type":"message","seq":${event.seq},"ts":${event.ts},"direction":"${event.direction}","kind":"${event.kind}","size":${event.size}`
  if (event.data !== undefined) json += `,"data":${JSON.stringify(event.data)}`
  // base64 uses no character JSON escapes.
  if (event.base64 !== undefined) json += `,"base64":"${event.base64}"`
  if (event.truncated !== undefined) json += `,"truncated":${event.truncated}`
  if (event.event !== undefined) json += `,"event":${JSON.stringify(event.event)}`
  if (event.id !== undefined) json += `,"id":${JSON.stringify(event.id)}`
  if (event.lastEventId !== undefined) json += `,"lastEventId":${JSON.stringify(event.lastEventId)}`
  if (event.retry !== undefined) json += `,"retry":${event.retry}`
  return `${json}}`
}
