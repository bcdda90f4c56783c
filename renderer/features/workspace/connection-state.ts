import type { ConnectionState } from '#common/contract/index.ts'

/** The status dot's colour for a connection state (null: never connected). */
export function stateTone(state: ConnectionState | null): 'ok' | 'warn' | 'danger' | 'idle' {
  switch (state) {
    case 'open':
      return 'ok'
    case 'connecting':
    case 'reconnecting':
    case 'closing':
      return 'warn'
    case 'closed':
    case null:
      return 'idle'
    default:
      return state satisfies never
  }
}

export function stateLabel(state: ConnectionState | null): string {
  switch (state) {
    case 'open':
      return 'Open'
    case 'connecting':
      return 'Connecting…'
    case 'reconnecting':
      return 'Waiting to reconnect'
    case 'closing':
      return 'Closing…'
    case 'closed':
      return 'Closed'
    case null:
      return 'Not connected'
    default:
      return state satisfies never
  }
}
