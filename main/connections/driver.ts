import type { ConnectionRequest, NameValue } from '#common/contract/index.ts'
import type { ConnectionReporter } from './connection-record.ts'

/** One protocol's side of a connection: started on creation, reporting through the reporter. */
export interface ConnectionDriver {
  /** Sends a message and reports it as an outgoing row; returns its seq. Throws NOT_OPEN. */
  send(payload: Buffer, binary: boolean): number
  ping(payload: Buffer): number
  /** Closes at the user's request; the driver reports `closing`, then `closed`. */
  close(code?: number, reason?: string): void
}

export interface DriverContext {
  /** The resolved URL: scheme matching the protocol, query merged. */
  url: URL
  request: ConnectionRequest
  /** The user's headers plus the auth header, checked. */
  headers: NameValue[]
  report: ConnectionReporter
  random: () => number
  /** SSE: the most characters of an unfinished line or event the parser holds. */
  sseMaxBufferChars: number
}
