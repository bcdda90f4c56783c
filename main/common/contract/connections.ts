import type { RealtimeProtocol } from './demo-server.ts'
import type { ErrorCode } from './errors.ts'

export type ConnectionId = string

/** One lifecycle for every protocol. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closing' | 'closed'

export interface NameValue {
  name: string
  value: string
}

/** A header to send; a secret one's value never reaches a log, a recording or an export. */
export interface RequestHeader extends NameValue {
  secret?: boolean
}

export type AuthConfig =
  | { type: 'none' }
  | { type: 'bearer'; token: string }
  | { type: 'basic'; username: string; password: string }
  | { type: 'api-key'; header: string; value: string }

export interface TlsConfig {
  /** Verify the server's certificate (default true). Off accepts self-signed certificates. */
  rejectUnauthorized?: boolean
  /** Extra trusted certificate authorities, PEM. */
  ca?: string
  /** Client certificate and key, PEM. */
  cert?: string
  key?: string
  /** Or both in a PKCS#12 (.p12, .pfx) bundle, base64. */
  pfx?: string
  /** Of the key or the bundle. */
  passphrase?: string
}

export interface ReconnectPolicy {
  enabled: boolean
  /** Give up after this many attempts in a row (0: never give up). */
  maxAttempts: number
  /** First wait; each attempt doubles it, with jitter, up to `maxDelayMs`. */
  initialDelayMs: number
  maxDelayMs: number
}

export interface WebSocketOptions {
  subprotocols?: string[]
  /** Offer permessage-deflate, as browsers do (default true). */
  perMessageDeflate?: boolean
  origin?: string
  /** Follow HTTP redirects during the handshake (default false). */
  followRedirects?: boolean
  /** Largest message accepted from the server, in bytes (default 100 MiB). */
  maxPayloadBytes?: number
  /** Ping every `intervalMs`; no pong within `timeoutMs` means the peer is gone. */
  autoPing?: { intervalMs: number; timeoutMs: number }
  reconnect?: ReconnectPolicy
}

/** The methods an SSE request may use: GET as EventSource does, the others with a body. */
export const SSE_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const
export type SseMethod = (typeof SSE_METHODS)[number]

export interface SseOptions {
  method?: SseMethod
  body?: string
  /** Content-Type of the body (default application/json when there is a body). */
  contentType?: string
  /** Sent as Last-Event-ID on the first request, as if resuming. */
  lastEventId?: string
  /**
   * Reconnect as the WHATWG processing model says. Default: true for GET, false for other
   * methods, so a POST (a prompt to an LLM, say) is not sent again unless asked.
   */
  reconnect?: boolean
  /**
   * `fetch` (default) shows every field, comment and retry; `browser` uses the eventsource
   * package to show exactly what a browser's EventSource delivers (GET only).
   */
  mode?: 'fetch' | 'browser'
  /** In browser mode, the event types listened for besides `message`. */
  eventNames?: string[]
}

/**
 * What happens when the view falls a window behind the stream: `lossless` stops reading the
 * socket until it catches up (TCP backpressure throttles the server; nothing is left out),
 * `sampling` keeps reading and leaves message rows out of the view (counted, and still recorded).
 */
export const DELIVERIES = ['lossless', 'sampling'] as const
export type Delivery = (typeof DELIVERIES)[number]

/** Everything needed to open one connection. */
export interface ConnectionRequest {
  url: string
  /** Inferred from the URL's scheme when absent: ws:/wss: → ws, http:/https: → sse. */
  protocol?: RealtimeProtocol
  /** Merged into the URL's query string. */
  query?: NameValue[]
  headers?: RequestHeader[]
  auth?: AuthConfig
  tls?: TlsConfig
  /** Give up when the handshake (or the SSE response headers) takes longer (default 10 s). */
  handshakeTimeoutMs?: number
  /** An http(s) proxy that supports CONNECT, e.g. http://127.0.0.1:3128. */
  proxy?: string
  /** Default lossless. */
  delivery?: Delivery
  ws?: WebSocketOptions
  sse?: SseOptions
  /**
   * Other values no event of this connection may carry, as headers marked secret: the values of
   * secret variables the request was filled in with.
   */
  redact?: string[]
}

export interface HandshakeInfo {
  /** The URL actually connected to, query merged (and redirects followed). */
  url: string
  status: number
  statusText: string
  requestHeaders: NameValue[]
  responseHeaders: NameValue[]
  /** WebSocket: the subprotocol the server chose. */
  subprotocol: string | null
  /** WebSocket: the negotiated extensions, e.g. "permessage-deflate". */
  extensions: string | null
  /** SSE: the Content-Encoding the server compressed the stream with (decoded for you). */
  compression: string | null
  durationMs: number
  /**
   * A handshake the server refused (a 401, a 404, not an event stream): the start of the body it
   * answered with (up to 64 KiB), and whether there was more.
   */
  body?: string
  bodyTruncated?: boolean
}

export interface ConnectionStats {
  messagesIn: number
  messagesOut: number
  bytesIn: number
  bytesOut: number
  /** Rows the live stream skipped because the view fell behind (still counted above). */
  skipped: number
}

export interface ConnectionSnapshot {
  id: ConnectionId
  protocol: RealtimeProtocol
  state: ConnectionState
  request: ConnectionRequest
  handshake: HandshakeInfo | null
  stats: ConnectionStats
  /** SSE: the id a reconnect will send as Last-Event-ID. */
  lastEventId: string | null
  /** SSE: the reconnection time in effect (the server's `retry:` or the 3 s default). */
  retryMs: number | null
  /** The error that closed the connection, if one did. */
  error: { code: ErrorCode; message: string } | null
  /** When it last opened, and when it closed after that (epoch ms): its duration. */
  openedAt: number | null
  closedAt: number | null
  /** Where the host keeps every event of it; null where nothing is kept (a read-only store). */
  journal: JournalStatus | null
}

/** A connection's journal: the run that keeps its events, and whether it still does. */
export interface JournalStatus {
  /** null: it could not even be started (see `problem`). */
  runId: number | null
  /** Why it stopped keeping (the disk is full...): the live view goes on, what was kept stays. */
  problem: string | null
}

/** What a message row is. */
export type MessageKind =
  'text' | 'binary' | 'sse-event' | 'sse-comment' | 'sse-retry' | 'ping' | 'pong'

/** Fields every event of a connection carries: its order and when its bytes arrived. */
interface EventBase {
  /** Per-connection sequence number, from 1, over every event. */
  seq: number
  /** Epoch milliseconds with sub-millisecond precision. */
  ts: number
}

export interface MessageEvent extends EventBase {
  type: 'message'
  direction: 'in' | 'out'
  kind: MessageKind
  /** Payload size in bytes (UTF-8 for text). */
  size: number
  /** Text payload (text, SSE data, comment, ping/pong data as text when it is UTF-8). */
  data?: string
  /** Binary payload, base64. */
  base64?: string
  /** The payload is a preview: the whole message is larger than 64 KiB; `getMessage` returns it. */
  truncated?: boolean
  /** SSE: the event type (default "message"). */
  event?: string
  /** SSE: the id field of this event, when it had one. */
  id?: string
  /**
   * SSE: the last event ID in force when the event was dispatched (the spec's `lastEventId`,
   * which persists across events without an id field), when there is one.
   */
  lastEventId?: string
  /** SSE: the reconnection time the server set (kind sse-retry). */
  retry?: number
}

/** The closed vocabulary of what happens on a connection, in the order it happened. */
export type ConnectionEvent =
  | (EventBase & { type: 'connecting'; attempt: number; url: string })
  | (EventBase & { type: 'open'; handshake: HandshakeInfo })
  | MessageEvent
  /** `handshake`: the request and the server's answer, when the server refused the handshake. */
  | (EventBase & { type: 'error'; code: ErrorCode; message: string; handshake?: HandshakeInfo })
  | (EventBase & {
      type: 'reconnecting'
      attempt: number
      delayMs: number | null
      lastEventId: string | null
    })
  | (EventBase & { type: 'close'; code: number | null; reason: string; clean: boolean })

export type ConnectionEventType = ConnectionEvent['type']

/** What can be sent on a WebSocket. */
export type OutgoingMessage =
  | { kind: 'text'; text: string }
  /** Validated as JSON first; sent compact, or exactly as typed. */
  | { kind: 'json'; text: string; compact?: boolean }
  | { kind: 'binary'; encoding: 'hex' | 'base64'; data: string }

/** A message whole, as `getMessage` returns it. */
export interface StoredMessage {
  seq: number
  kind: MessageKind
  direction: 'in' | 'out'
  size: number
  data?: string
  base64?: string
}
