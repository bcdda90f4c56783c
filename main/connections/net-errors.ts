import type { ErrorCode, HandshakeInfo } from '#common/contract/index.ts'

export interface FailureReport {
  code: ErrorCode
  message: string
  /** A handshake the server refused: what was sent and what it answered. */
  handshake?: HandshakeInfo
}

/** What is wrong with a certificate Node refused, by its code, in the app's words. */
const TLS_CERT_PROBLEMS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'it is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its chain ends in a self-signed certificate no one here trusts',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its issuer is not a certificate authority this app trusts',
  UNABLE_TO_GET_ISSUER_CERT: 'its issuer is not a certificate authority this app trusts',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its issuer is not a certificate authority this app trusts',
  CERT_HAS_EXPIRED: 'it has expired',
  CERT_NOT_YET_VALID: 'it is not valid yet',
  CERT_UNTRUSTED: 'it is not trusted',
  CERT_REVOKED: 'it has been revoked',
  ERR_TLS_CERT_ALTNAME_INVALID: 'it was issued for another host name',
}

/** What to do about a refused certificate, in the app's terms (not Node's command-line flags). */
const TLS_CERT_ADVICE =
  'To connect anyway, turn off “Verify TLS certificates” in this connection’s Settings (for a test server only)'

/** How a server turned the client certificate (or the lack of one) down, by Node's code. */
const CLIENT_CERT_REFUSALS: Record<string, string> = {
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: 'asks for a client certificate, and none was given',
  ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE:
    'ended the TLS handshake (it may want a client certificate, or another one)',
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: 'did not accept the client certificate',
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN: 'did not accept the client certificate',
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: 'does not trust the issuer of the client certificate',
}

/** Why the client certificate itself could not be used, by what OpenSSL said. */
function clientCertProblem(code: string, message: string): string | null {
  if (/mac verify failure|bad decrypt|bad password/i.test(message))
    return 'its passphrase is wrong (or it needs one)'
  if (code === 'ERR_OSSL_X509_KEY_VALUES_MISMATCH')
    return 'the key does not belong to the certificate'
  if (/no start line|PEM routines|DECODER routines|asn1|not enough data/i.test(message))
    return 'it is not a PEM certificate and key, or a PKCS#12 bundle'
  return null
}

const CERT_SETTINGS = 'Settings → Certificates'

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
  const refusal = CLIENT_CERT_REFUSALS[code]
  if (refusal !== undefined) {
    return {
      code: 'TLS_FAILED',
      message: `The server at ${where} ${refusal}: see this connection's ${CERT_SETTINGS}`,
    }
  }
  const unusable = clientCertProblem(code, cause.message ?? '')
  if (unusable !== null) {
    return {
      code: 'TLS_FAILED',
      message: `The client certificate could not be used: ${unusable}. See this connection's ${CERT_SETTINGS}`,
    }
  }
  const problem = TLS_CERT_PROBLEMS[code]
  if (problem !== undefined) {
    // Node's own sentence may end in advice about its flags (--use-system-ca): left out.
    const detail = (cause.message ?? '').split(/;\s*if the root CA/i)[0]!.trim()
    return {
      code: 'TLS_CERT_INVALID',
      message: `The TLS certificate of ${where} was not accepted: ${problem} (${detail || code}). ${TLS_CERT_ADVICE}`,
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
