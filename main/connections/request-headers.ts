import { rootCertificates } from 'node:tls'
import {
  ApiError,
  type ConnectionRequest,
  type NameValue,
  type TlsConfig,
} from '#common/contract/index.ts'
import type { TlsSettings } from './environment.ts'
import { authHeader } from '#common/net/auth-header.ts'

// [RFC 9110 §5.1] a field name is a token.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/** The headers a request sends: the user's (checked) and the one its auth setting adds. */
export function requestHeaders(request: ConnectionRequest): NameValue[] {
  const headers: NameValue[] = []
  for (const { name, value } of request.headers ?? []) {
    const trimmed = name.trim()
    if (trimmed === '') continue
    headers.push({ name: checkName(trimmed), value: checkValue(trimmed, value) })
  }
  const auth = authHeader(request.auth)
  if (auth !== null)
    headers.push({ name: checkName(auth.name), value: checkValue(auth.name, auth.value) })
  return headers
}

function checkName(name: string): string {
  if (!TOKEN.test(name)) {
    throw new ApiError(
      'INVALID_ARGUMENT',
      `Header name ${JSON.stringify(name)} is not valid: use letters, digits and !#$%&'*+.^_\`|~-`,
    )
  }
  return name
}

function checkValue(name: string, value: string): string {
  if (/[\r\n\0]/.test(value)) {
    throw new ApiError(
      'INVALID_ARGUMENT',
      `The value of header ${name} contains a line break or NUL, which HTTP forbids`,
    )
  }
  return value
}

/**
 * Headers as one object, repeated names (in any case) joined with ", " as HTTP allows, under the
 * spelling first used. Linear: 10,000 headers take a moment, not seconds.
 */
export function headersObject(headers: readonly NameValue[]): Record<string, string> {
  const result: Record<string, string> = {}
  const keyOf = new Map<string, string>()
  for (const { name, value } of headers) {
    const lower = name.toLowerCase()
    const existing = keyOf.get(lower)
    if (existing === undefined) {
      keyOf.set(lower, name)
      result[name] = value
    } else {
      result[existing] = `${result[existing]}, ${value}`
    }
  }
  return result
}

/**
 * A header value as the bytes HTTP sends: its UTF-8 encoding, one character per byte, as fetch's
 * byte strings and Node's latin1 headers take it. An id like "café" is sent as UTF-8, not refused.
 */
export function wireHeaderValue(value: string): string {
  // eslint-disable-next-line no-control-regex -- ASCII is the common case: kept as is.
  return /^[\x00-\x7f]*$/.test(value) ? value : Buffer.from(value, 'utf8').toString('latin1')
}

/** TLS options for Node's tls.connect, only those set. */
export function tlsOptions(tls: TlsConfig | undefined): TlsSettings {
  return {
    rejectUnauthorized: tls?.rejectUnauthorized ?? true,
    // Trusted besides the usual authorities, not instead of them.
    ...(tls?.ca ? { ca: [...rootCertificates, tls.ca] } : {}),
    ...(tls?.pfx ? { pfx: Buffer.from(tls.pfx, 'base64') } : {}),
    ...(tls?.cert ? { cert: tls.cert } : {}),
    ...(tls?.key ? { key: tls.key } : {}),
    ...(tls?.passphrase ? { passphrase: tls.passphrase } : {}),
  }
}

/** The name/value pairs of Node's raw header array, in order, duplicates kept. */
export function pairsFromRaw(raw: readonly string[]): NameValue[] {
  const pairs: NameValue[] = []
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push({ name: raw[i]!, value: raw[i + 1]! })
  return pairs
}
