/** One event as a discriminated union member: `{ name, payload }`. */
export type EventOf<Events> = {
  [Name in keyof Events & string]: { name: Name; payload: Events[Name] }
}[keyof Events & string]

/** Where the API implementation emits events and every served client subscribes. */
export interface EventHub<Events> {
  /** Tells every listener; returns how many there were. */
  emit<Name extends keyof Events & string>(name: Name, payload: Events[Name]): number
  /** Adds a listener for every event; returns the function that removes it. */
  subscribe(listener: (event: EventOf<Events>) => void): () => void
}

export function createEventHub<Events>(): EventHub<Events> {
  const listeners = new Set<(event: EventOf<Events>) => void>()
  return {
    emit(name, payload) {
      const event = { name, payload } as EventOf<Events>
      for (const listener of listeners) listener(event)
      return listeners.size
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
