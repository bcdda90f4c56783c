import { ApiError, type ConnectionRequest, type NameValue } from '#common/contract/index.ts'
import type { ConnectionReporter } from './live-connection.ts'
import type { Network } from './environment.ts'

/** One protocol's side of a connection: started on creation, reporting through the reporter. */
export interface ConnectionDriver {
  /** Sends a message and reports it as an outgoing row; returns its seq. Throws NOT_OPEN. */
  send(payload: Buffer, binary: boolean): number
  ping(payload: Buffer): number
  /**
   * Ends the connection for good at the user's request, at any moment: open, connecting, between
   * a drop and the reconnect. The driver reports `closing` where something is open, then
   * `closed`. Once the connection has ended for good, it does nothing.
   */
  close(code?: number, reason?: string): void
  /**
   * Stops reading from the server until `resume` (the view is a window behind: TCP backpressure
   * throttles the server). False if this driver cannot pause; then the view skips rows instead.
   */
  pause(): boolean
  resume(): void
}

export interface DriverContext {
  /** The resolved URL: scheme matching the protocol, query merged. */
  url: URL
  request: ConnectionRequest
  /** The user's headers plus the auth header, checked. */
  headers: NameValue[]
  report: ConnectionReporter
  network: Network
  random: () => number
  /** SSE: the most characters of an unfinished line or event the parser holds. */
  sseMaxBufferChars: number
}

/** What `send` and `ping` do on Server-Sent Events, which carry nothing from client to server. */
export function sseIsOneWay(): never {
  throw new ApiError(
    'INVALID_ARGUMENT',
    'Server-Sent Events are one-way: nothing can be sent after the request. Put data in the request body instead',
  )
}
