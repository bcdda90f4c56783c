/**
 * Every failure that crosses the API boundary is an `ApiError`: a code from this closed list and a
 * sentence that names what failed and the bad value.
 */
export const ERROR_CODES = [
  /** The arguments of a call do not have the shape the method takes. */
  'INVALID_ARGUMENT',
  /** The method is not part of AppApi. */
  'UNKNOWN_METHOD',
  /** No answer arrived within the call's time limit. */
  'TIMEOUT',
  /** The transport closed before the answer arrived. */
  'TRANSPORT_CLOSED',
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
