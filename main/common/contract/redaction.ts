import type { ConnectionEvent, ConnectionRequest, HandshakeInfo, NameValue } from './connections.ts'

/** What stands where a secret value was. */
export const REDACTED = '(redacted)'

/** Headers whose values are secret whatever the draft says: credentials and session cookies. */
export const DEFAULT_SECRET_HEADERS: readonly string[] = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
]

/** Shorter values are not searched for in text: "a" would redact every "a". */
const MIN_SECRET_VALUE_LENGTH = 4

/** What a connection's events must not carry: header names whose values go, and values anywhere. */
export interface SecretsToRedact {
  headerNames: ReadonlySet<string>
  values: readonly string[]
}

/**
 * The secrets of a request: the default headers (their values too, and the credential after an
 * auth scheme), the headers marked secret, its auth, and the values it asks to redact.
 */
export function secretsOf(request?: ConnectionRequest): SecretsToRedact {
  const headerNames = new Set(DEFAULT_SECRET_HEADERS)
  const values: string[] = [...(request?.redact ?? [])]
  for (const header of request?.headers ?? []) {
    const name = header.name.trim().toLowerCase()
    if (!header.secret && !headerNames.has(name)) continue
    headerNames.add(name)
    values.push(header.value)
    // "Bearer <token>": a server may echo the credential alone.
    const credential = /^\S+\s+(\S.*)$/.exec(header.value.trim())?.[1]
    if (credential !== undefined) values.push(credential)
  }
  const auth = request?.auth
  switch (auth?.type) {
    case undefined:
    case 'none':
      break
    case 'bearer':
      values.push(auth.token)
      break
    case 'basic':
      values.push(auth.password)
      break
    case 'api-key':
      headerNames.add(auth.header.trim().toLowerCase())
      values.push(auth.value)
      break
    default:
      return auth satisfies never
  }
  return {
    headerNames,
    values: values.filter((value) => value.length >= MIN_SECRET_VALUE_LENGTH),
  }
}

/** Header names kept, secret values replaced by REDACTED. */
export function redactHeaders(
  headers: readonly NameValue[],
  secrets: SecretsToRedact,
): NameValue[] {
  return headers.map((header) =>
    secrets.headerNames.has(header.name.toLowerCase())
      ? { name: header.name, value: REDACTED }
      : { name: header.name, value: redactText(header.value, secrets) },
  )
}

/** `text` with every secret value, and a URL's password, replaced by REDACTED. */
export function redactText(text: string, secrets: SecretsToRedact): string {
  let result = text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^/?#\s:@]*:)[^/?#\s@]*@/gi, `$1${REDACTED}@`)
  for (const value of secrets.values) {
    if (result.includes(value)) result = result.split(value).join(REDACTED)
  }
  return result
}

/**
 * A request as it may be shown or kept: its secret header values, auth values and client key
 * replaced, secrets in its URL, proxy and body too; the list of values to redact left out.
 */
export function redactRequest(
  request: ConnectionRequest,
  secrets: SecretsToRedact,
): ConnectionRequest {
  const { redact: _values, ...shown } = request
  const auth = request.auth
  return {
    ...shown,
    url: redactText(request.url, secrets),
    ...(request.headers
      ? {
          headers: request.headers.map((header) => ({
            ...header,
            value: secrets.headerNames.has(header.name.trim().toLowerCase())
              ? REDACTED
              : redactText(header.value, secrets),
          })),
        }
      : {}),
    ...(auth ? { auth: redactAuth(auth) } : {}),
    ...(request.tls
      ? {
          tls: {
            ...request.tls,
            ...(request.tls.key ? { key: REDACTED } : {}),
            ...(request.tls.pfx ? { pfx: REDACTED } : {}),
            ...(request.tls.passphrase ? { passphrase: REDACTED } : {}),
          },
        }
      : {}),
    ...(request.proxy ? { proxy: redactText(request.proxy, secrets) } : {}),
    ...(request.sse?.body
      ? { sse: { ...request.sse, body: redactText(request.sse.body, secrets) } }
      : {}),
  }
}

function redactAuth(auth: NonNullable<ConnectionRequest['auth']>): ConnectionRequest['auth'] {
  switch (auth.type) {
    case 'none':
      return auth
    case 'bearer':
      return { ...auth, token: REDACTED }
    case 'basic':
      return { ...auth, password: REDACTED }
    case 'api-key':
      return { ...auth, value: REDACTED }
    default:
      return auth satisfies never
  }
}

function redactHandshake(handshake: HandshakeInfo, secrets: SecretsToRedact): HandshakeInfo {
  return {
    ...handshake,
    url: redactText(handshake.url, secrets),
    requestHeaders: redactHeaders(handshake.requestHeaders, secrets),
    responseHeaders: redactHeaders(handshake.responseHeaders, secrets),
    ...(handshake.body !== undefined ? { body: redactText(handshake.body, secrets) } : {}),
  }
}

/**
 * An event without secrets: a handshake's secret header values and the secrets in URLs and error
 * sentences are replaced; messages are left as they are (their payload is the data under test).
 * Applied where a connection's events are made and where events are stored, so neither the live
 * log, nor a recording, nor an export or import carries a credential.
 */
export function redactEvent<E extends ConnectionEvent>(event: E, secrets: SecretsToRedact): E {
  switch (event.type) {
    case 'open':
      return { ...event, handshake: redactHandshake(event.handshake, secrets) }
    case 'connecting':
      return { ...event, url: redactText(event.url, secrets) }
    case 'error':
      return {
        ...event,
        message: redactText(event.message, secrets),
        ...(event.handshake ? { handshake: redactHandshake(event.handshake, secrets) } : {}),
      }
    case 'message':
    case 'reconnecting':
    case 'close':
      return event
    default:
      return event satisfies never
  }
}
