import type { ConnectionEvent, ConnectionRequest } from '#common/contract/index.ts'
import type { ScenarioLink } from '#common/scenario/run-scenario.ts'
import type { ConnectionManager } from '../connections/connection-manager.ts'

/**
 * A scenario's link over a connection manager: each connect opens a new connection with `request`
 * (told to `onConnection`, so a view can show it). The manager's batches are handed in through
 * `deliver`: this link passes on the events of its own connections.
 */
export function createManagerLink(
  manager: ConnectionManager,
  request: ConnectionRequest,
  hooks: { onConnection?(id: string): void; keepIn?: string | null } = {},
) {
  const ids = new Set<string>()
  let current: string | null = null
  let listener: (event: ConnectionEvent) => void = () => {}
  const live = (): string => {
    if (current === null) throw new Error('Not connected: add a connect step before it')
    return current
  }
  return {
    link: (onEvent: (event: ConnectionEvent) => void): ScenarioLink => {
      listener = onEvent
      return {
        connect() {
          const snapshot = manager.connect(request, hooks.keepIn)
          current = snapshot.id
          ids.add(snapshot.id)
          hooks.onConnection?.(snapshot.id)
        },
        send: (message) => void manager.send(live(), message),
        disconnect: (code) => manager.disconnect(live(), code),
      }
    },
    /** The events of a batch from connection `connectionId`; others' are ignored. */
    deliver(connectionId: string, events: readonly ConnectionEvent[]): void {
      if (!ids.has(connectionId)) return
      for (const event of events) listener(event)
    },
    /** The connections the scenario opened. */
    get connectionIds(): ReadonlySet<string> {
      return ids
    },
  }
}
