/**
 * Every failure that crosses the API boundary is an `ApiError`: a code from this closed list and a
 * sentence that names what failed and the bad value.
 */
export const ERROR_CODES = [
  /** The arguments of a call do not have the shape the method takes. */
  'INVALID_ARGUMENT',
  /** The method is not part of AppApi. */
  'UNKNOWN_METHOD',
  /** An RPC message that is not well-formed (not JSON, no call id, args not an array...). */
  'INVALID_MESSAGE',
  /** No answer arrived within the call's time limit. */
  'TIMEOUT',
  /** The transport closed before the answer arrived. */
  'TRANSPORT_CLOSED',
  /** A URL that does not parse, or lacks what it needs. */
  'INVALID_URL',
  /** A URL scheme the app does not speak (only ws:, wss:, http:, https:). */
  'UNSUPPORTED_SCHEME',
  /** The host name did not resolve. */
  'DNS_FAILED',
  /** Nothing listens at that address and port. */
  'CONNECTION_REFUSED',
  /** The server's TLS certificate did not verify (self-signed, expired, wrong name...). */
  'TLS_CERT_INVALID',
  /** TLS failed for another reason (protocol, client certificate, key). */
  'TLS_FAILED',
  /** The proxy refused or failed the tunnel. */
  'PROXY_FAILED',
  /** The server answered, but not with an upgrade or an event stream. */
  'HANDSHAKE_REJECTED',
  /** The connection broke (reset, ended mid-frame, a peer that stopped answering pings). */
  'NETWORK_ERROR',
  /** The peer broke the protocol (an invalid frame, say). */
  'PROTOCOL_ERROR',
  /** A message larger than the limit set for it. */
  'MESSAGE_TOO_BIG',
  /** A message to send that is not what its kind says (bad JSON, hex or base64). */
  'INVALID_PAYLOAD',
  /** The connection is not open, so nothing can be sent on it. */
  'NOT_OPEN',
  /** No such connection, or no such message held. */
  'NOT_FOUND',
  /** The session database was written by a newer version: it can be read, not changed. */
  'READ_ONLY',
  /** A file to import is not what it should be; the sentence says where. */
  'INVALID_IMPORT',
  /** A server could not listen on the port asked for (in use, or reserved). */
  'PORT_UNAVAILABLE',
  /** The thing to start is already running, differently from what was asked. */
  'ALREADY_RUNNING',
  /** A bug: the implementation threw something it did not mean to. */
  'INTERNAL',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

/** The plain-data form of an error, as it travels on the wire. */
export interface ApiErrorData {
  code: ErrorCode
  message: string
}

export class ApiError extends Error implements ApiErrorData {
  override readonly name = 'ApiError'
  readonly code: ErrorCode

  constructor(code: ErrorCode, message: string) {
    super(message)
    this.code = code
  }

  toData(): ApiErrorData {
    return { code: this.code, message: this.message }
  }

  static fromData(data: ApiErrorData): ApiError {
    return new ApiError(data.code, data.message)
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value)
}

export function isApiErrorData(value: unknown): value is ApiErrorData {
  if (typeof value !== 'object' || value === null) return false
  const { code, message } = value as Record<string, unknown>
  return isErrorCode(code) && typeof message === 'string'
}
