import { EventSource } from 'eventsource'

export interface ReceivedEvent {
  type: string
  data: string
  lastEventId: string
}

/**
 * Listens on an `eventsource` EventSource (the browser-faithful reference client) for the given
 * event types and collects what it delivers.
 */
export function collectEvents(
  source: EventSource,
  types: readonly string[] = ['message'],
): ReceivedEvent[] {
  const received: ReceivedEvent[] = []
  for (const type of types) {
    source.addEventListener(type, (event: MessageEvent) => {
      received.push({
        type: event.type,
        data: event.data as string,
        lastEventId: event.lastEventId,
      })
    })
  }
  return received
}

/** Resolves once the EventSource has closed for good (readyState CLOSED after an error). */
export function closedForGood(source: EventSource): Promise<void> {
  return new Promise((resolve) => {
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) resolve()
    })
  })
}
