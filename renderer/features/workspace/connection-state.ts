import type { ConnectionState } from '#common/contract/index.ts'

/**
 * A connection's state as the page may show it: null when it never connected, `unknown` while
 * the link to the app's host is down (the last state heard may no longer be true).
 */
export type ShownState = ConnectionState | null | 'unknown'

/** The status dot's colour for a connection state. */
export function stateTone(state: ShownState): 'ok' | 'warn' | 'danger' | 'idle' {
  switch (state) {
    case 'unknown':
      return 'idle'
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

export function stateLabel(state: ShownState): string {
  switch (state) {
    case 'unknown':
      return 'Unknown while the app is not answering'
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
