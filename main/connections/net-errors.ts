import type { ErrorCode, HandshakeInfo } from '#common/contract/index.ts'

export interface FailureReport {
  code: ErrorCode
  message: string
  /** A handshake the server refused: what was sent and what it answered. */
  handshake?: HandshakeInfo
}

const TLS_CERT_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
])

/** The innermost error with a `code`, through fetch's `cause` chains. */
function rootCause(error: unknown): NodeJS.ErrnoException {
  let current = error as NodeJS.ErrnoException & { cause?: unknown }
  for (let depth = 0; depth < 5 && current?.cause && typeof current.cause === 'object'; depth++) {
    const next = current.cause as NodeJS.ErrnoException & { cause?: unknown }
    current = next
    if (current.code) break
  }
  return current ?? new Error(String(error))
}

/**
 * Turns what Node, undici or ws threw into an error code and a sentence naming the target:
 * "Nothing is listening at 127.0.0.1:9 (connection refused)".
 */
export function describeNetworkError(error: unknown, target: URL): FailureReport {
  const cause = rootCause(error)
  const code = cause.code ?? ''
  const where = target.host
  if (code === 'ECONNREFUSED') {
    return {
      code: 'CONNECTION_REFUSED',
      message: `Nothing is listening at ${where} (connection refused)`,
    }
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return {
      code: 'DNS_FAILED',
      message: `The host name ${target.hostname} could not be resolved (${code})`,
    }
  }
  if (TLS_CERT_CODES.has(code)) {
    return {
      code: 'TLS_CERT_INVALID',
      message: `The TLS certificate of ${where} was not accepted: ${cause.message} (${code}). Trust its CA, or turn certificate verification off for this connection`,
    }
  }
  if (
    code.startsWith('ERR_SSL') ||
    code.startsWith('ERR_TLS') ||
    /ssl|tls/i.test(cause.message ?? '')
  ) {
    return { code: 'TLS_FAILED', message: `TLS with ${where} failed: ${cause.message}` }
  }
  if (
    code === 'ETIMEDOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    code === 'UND_ERR_HEADERS_TIMEOUT'
  ) {
    return { code: 'TIMEOUT', message: `${where} did not answer in time (${code})` }
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET') {
    return { code: 'NETWORK_ERROR', message: `The connection to ${where} was reset` }
  }
  if (
    code.startsWith('HPE_') ||
    /does not match the HTTP\/1\.1 protocol/.test(cause.message ?? '')
  ) {
    return {
      code: 'PROTOCOL_ERROR',
      message: `The server at ${where} does not speak HTTP: ${cause.message}`,
    }
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return { code: 'NETWORK_ERROR', message: `${where} cannot be reached from here (${code})` }
  }
  return {
    code: 'NETWORK_ERROR',
    message: `The connection to ${where} failed: ${cause.message ?? String(error)}${code ? ` (${code})` : ''}`,
  }
}
