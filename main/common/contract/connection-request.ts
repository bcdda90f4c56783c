import {
  arrayOf,
  boolean,
  integer,
  literal,
  object,
  oneOf,
  optional,
  string,
  tagged,
  type Check,
} from './checks.ts'
import {
  DELIVERIES,
  SSE_METHODS,
  type AuthConfig,
  type ConnectionRequest,
  type NameValue,
  type ReconnectPolicy,
  type RequestHeader,
  type SseOptions,
  type TlsConfig,
  type WebSocketOptions,
} from './connections.ts'
import type { RealtimeProtocol } from './demo-server.ts'
import { ApiError } from './errors.ts'

const nameValue: Check<NameValue> = object<NameValue>({ name: string, value: string })
const requestHeader: Check<RequestHeader> = object<RequestHeader>({
  name: string,
  value: string,
  secret: optional(boolean),
})

export const authConfig: Check<AuthConfig> = tagged<AuthConfig, 'type'>('type', {
  none: object({ type: literal('none') }),
  bearer: object({ type: literal('bearer'), token: string }),
  basic: object({ type: literal('basic'), username: string, password: string }),
  'api-key': object({ type: literal('api-key'), header: string, value: string }),
})

const tls: Check<TlsConfig> = object<TlsConfig>({
  rejectUnauthorized: optional(boolean),
  ca: optional(string),
  cert: optional(string),
  key: optional(string),
  pfx: optional(string),
  passphrase: optional(string),
})

const reconnect: Check<ReconnectPolicy> = object<ReconnectPolicy>({
  enabled: boolean,
  maxAttempts: integer(0, 1_000_000),
  initialDelayMs: integer(0, 3_600_000),
  maxDelayMs: integer(0, 3_600_000),
})

const wsOptions: Check<WebSocketOptions> = object<WebSocketOptions>({
  subprotocols: optional(arrayOf(string, 64)),
  perMessageDeflate: optional(boolean),
  origin: optional(string),
  followRedirects: optional(boolean),
  maxPayloadBytes: optional(integer(1, 2 ** 31 - 1)),
  autoPing: optional(
    object({ intervalMs: integer(100, 3_600_000), timeoutMs: integer(100, 3_600_000) }),
  ),
  reconnect: optional(reconnect),
})

const sseOptions: Check<SseOptions> = object<SseOptions>({
  method: optional(oneOf(SSE_METHODS)),
  body: optional(string),
  contentType: optional(string),
  lastEventId: optional(string),
  reconnect: optional(boolean),
  mode: optional(oneOf(['fetch', 'browser'])),
  eventNames: optional(arrayOf(string, 256)),
})

/** The shape of a ConnectionRequest, checked field by field at the API boundary. */
export const connectionRequest: Check<ConnectionRequest> = object<ConnectionRequest>({
  url: string,
  protocol: optional(oneOf(['ws', 'sse'])),
  query: optional(arrayOf(nameValue)),
  headers: optional(arrayOf(requestHeader)),
  auth: optional(authConfig),
  tls: optional(tls),
  handshakeTimeoutMs: optional(integer(1, 600_000)),
  proxy: optional(string),
  delivery: optional(oneOf(DELIVERIES)),
  ws: optional(wsOptions),
  sse: optional(sseOptions),
  redact: optional(arrayOf(string, 1000)),
})

const SCHEME_PROTOCOL: Record<string, RealtimeProtocol> = {
  'ws:': 'ws',
  'wss:': 'ws',
  'http:': 'sse',
  'https:': 'sse',
}

/** ws for ws:/wss: URLs, sse for http:/https:, null for anything else. */
export function inferProtocol(url: string): RealtimeProtocol | null {
  const scheme = /^([a-z][a-z0-9+.-]*:)\/\//i.exec(url.trim())?.[1]?.toLowerCase()
  return scheme ? (SCHEME_PROTOCOL[scheme] ?? null) : null
}

export interface ConnectionTarget {
  /** The URL to connect to: scheme matching the protocol, query merged. */
  url: string
  protocol: RealtimeProtocol
}

/**
 * Where a request connects, or ApiError INVALID_URL / UNSUPPORTED_SCHEME with a sentence that
 * says what is wrong with the URL. A ws: URL asked to speak SSE becomes http: (and the reverse).
 */
export function resolveTarget(
  rawUrl: string,
  protocol?: RealtimeProtocol,
  query: readonly NameValue[] = [],
): ConnectionTarget {
  const text = rawUrl.trim()
  if (text === '') throw new ApiError('INVALID_URL', 'The URL is empty')
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    throw new ApiError(
      'INVALID_URL',
      `${JSON.stringify(text)} has no scheme: start it with ws://, wss:// (WebSocket) or http://, https:// (Server-Sent Events)`,
    )
  }
  if (!URL.canParse(text))
    throw new ApiError('INVALID_URL', `${JSON.stringify(text)} is not a valid URL`)
  const url = new URL(text)
  const schemeProtocol = SCHEME_PROTOCOL[url.protocol]
  if (!schemeProtocol) {
    throw new ApiError(
      'UNSUPPORTED_SCHEME',
      `${url.protocol}// is not supported: use ws://, wss:// (WebSocket) or http://, https:// (Server-Sent Events)`,
    )
  }
  if (url.hostname === '') throw new ApiError('INVALID_URL', `${JSON.stringify(text)} has no host`)
  const target = protocol ?? schemeProtocol
  if (target !== schemeProtocol) {
    const secure = url.protocol === 'wss:' || url.protocol === 'https:'
    url.protocol = target === 'ws' ? (secure ? 'wss:' : 'ws:') : secure ? 'https:' : 'http:'
  }
  if (target === 'ws' && url.hash !== '') {
    // [RFC 6455 §3] a WebSocket URI has no fragment.
    throw new ApiError(
      'INVALID_URL',
      `A WebSocket URL cannot have a fragment: remove ${JSON.stringify(url.hash)}`,
    )
  }
  for (const { name, value } of query) if (name !== '') url.searchParams.append(name, value)
  return { url: url.href, protocol: target }
}
