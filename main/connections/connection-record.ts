import { isUtf8 } from 'node:buffer'
import {
  redactEvent,
  secretsOf,
  type ConnectionEvent,
  type ConnectionId,
  type ConnectionRequest,
  type ConnectionSnapshot,
  type ConnectionState,
  type ConnectionStats,
  type ErrorCode,
  type HandshakeInfo,
  type MessageBatch,
  type MessageEvent,
  type MessageKind,
  type RealtimeProtocol,
  type SecretsToRedact,
  type StoredMessage,
} from '#common/contract/index.ts'
import type { JsonText } from '#common/rpc/json-text.ts'
import { EventBatcher, type BatchingOptions } from './event-batcher.ts'
import { messageEventJson } from './event-json.ts'
import type { Clock } from './environment.ts'
import { LARGE_MESSAGE_BYTES, LargeMessageStore, PREVIEW_BYTES } from './large-messages.ts'

/** Takes a connection's events; `json`, when given, is the event already encoded. */
export type EventSink = (event: ConnectionEvent, json?: string) => void

/** SSE fields of an incoming event. */
export interface SseFields {
  event?: string
  id?: string
  lastEventId?: string
  retry?: number
}

/**
 * What a protocol driver reports. The record turns each report into a numbered, timestamped
 * ConnectionEvent, keeps the snapshot and statistics, and hands events to the batcher.
 */
export interface ConnectionReporter {
  readonly clock: Clock
  connecting(attempt: number, url: string): void
  open(handshake: HandshakeInfo): void
  /** `ts` is when the bytes arrived; `payload` text or bytes (see ConnectionRecord.message). */
  message(
    ts: number,
    direction: 'in' | 'out',
    kind: MessageKind,
    payload: string | Buffer,
    sse?: SseFields,
  ): number
  error(code: ErrorCode, message: string): void
  reconnecting(attempt: number, delayMs: number | null, lastEventId: string | null): void
  closing(): void
  closed(code: number | null, reason: string, clean: boolean): void
  /** SSE bookkeeping shown in the snapshot. */
  setLastEventId(id: string): void
  setRetry(ms: number): void
}

export interface RecordListeners {
  snapshot(snapshot: ConnectionSnapshot): void
  batch(batch: JsonText<MessageBatch>): void
}

export class ConnectionRecord implements ConnectionReporter {
  readonly id: ConnectionId
  readonly protocol: RealtimeProtocol
  readonly request: ConnectionRequest
  readonly clock: Clock
  readonly #listeners: RecordListeners
  readonly #batcher: EventBatcher
  readonly #large: LargeMessageStore
  /** What no event of this connection may carry (see redactEvent). */
  readonly #secrets: SecretsToRedact
  #seq = 0
  #state: ConnectionState = 'connecting'
  #handshake: HandshakeInfo | null = null
  #lastEventId: string | null = null
  #retryMs: number | null = null
  #error: { code: ErrorCode; message: string } | null = null
  #recorder: EventSink | null = null
  readonly #stats: ConnectionStats = {
    messagesIn: 0,
    messagesOut: 0,
    bytesIn: 0,
    bytesOut: 0,
    skipped: 0,
  }

  constructor(
    id: ConnectionId,
    protocol: RealtimeProtocol,
    request: ConnectionRequest,
    options: { clock: Clock; batching: BatchingOptions; largeMessageBudgetBytes: number },
    listeners: RecordListeners,
  ) {
    this.id = id
    this.protocol = protocol
    this.request = request
    this.clock = options.clock
    this.#listeners = listeners
    this.#secrets = secretsOf(request)
    this.#large = new LargeMessageStore(options.largeMessageBudgetBytes)
    this.#batcher = new EventBatcher(
      id,
      options.batching,
      options.clock,
      () => ({ ...this.#stats }),
      (batch) => listeners.batch(batch),
    )
  }

  get state(): ConnectionState {
    return this.#state
  }

  snapshot(): ConnectionSnapshot {
    return {
      id: this.id,
      protocol: this.protocol,
      state: this.#state,
      request: this.request,
      handshake: this.#handshake,
      stats: { ...this.#stats },
      lastEventId: this.#lastEventId,
      retryMs: this.#retryMs,
      error: this.#error,
    }
  }

  ack(batch: number): void {
    this.#batcher.ack(batch)
  }

  storedMessage(seq: number): StoredMessage | undefined {
    return this.#large.get(seq)
  }

  connecting(attempt: number, url: string): void {
    this.#error = null
    this.#lifecycle(
      'connecting',
      redactEvent(
        { type: 'connecting', seq: 0, ts: this.clock.now(), attempt, url },
        this.#secrets,
      ),
    )
  }

  open(handshake: HandshakeInfo): void {
    const event = redactEvent(
      { type: 'open', seq: 0, ts: this.clock.now(), handshake },
      this.#secrets,
    )
    this.#handshake = event.handshake
    this.#lifecycle('open', event)
  }

  /**
   * Reports one message. `payload` is text, or bytes: a Buffer of kind `text` is UTF-8 decoded only
   * if the row is shown (a skipped row costs no decoding), ping and pong data shows as text when
   * it is UTF-8, anything else as base64.
   */
  message(
    ts: number,
    direction: 'in' | 'out',
    kind: MessageKind,
    payload: string | Buffer,
    sse?: SseFields,
  ): number {
    const seq = ++this.#seq
    const size = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length
    if (direction === 'in') {
      this.#stats.messagesIn++
      this.#stats.bytesIn += size
    } else {
      this.#stats.messagesOut++
      this.#stats.bytesOut += size
    }
    const large = size > LARGE_MESSAGE_BYTES
    const asText =
      typeof payload === 'string' || kind === 'text' || (kind !== 'binary' && isUtf8(payload))
    if (large) {
      this.#large.put({
        seq,
        kind,
        direction,
        size,
        ...(asText ? { data: payload.toString() } : { base64: payload.toString('base64') }),
      })
    }
    const accepting = this.#batcher.accepting
    if (!accepting) {
      this.#stats.skipped++
      this.#batcher.skip()
      // A skipped row costs nothing more, unless it is being recorded.
      if (this.#recorder === null) return seq
    }
    const event: MessageEvent = { type: 'message', seq, ts, direction, kind, size }
    if (asText) {
      const text = typeof payload === 'string' ? payload : payload.toString()
      event.data = large ? text.slice(0, PREVIEW_BYTES) : text
    } else {
      event.base64 = (large ? payload.subarray(0, PREVIEW_BYTES) : payload).toString('base64')
    }
    if (large) event.truncated = true
    if (sse?.event !== undefined) event.event = sse.event
    if (sse?.id !== undefined) event.id = sse.id
    if (sse?.lastEventId !== undefined) event.lastEventId = sse.lastEventId
    if (sse?.retry !== undefined) event.retry = sse.retry
    // Encoded once for both the live batch and the recording (a large message is recorded whole).
    const json = accepting || !large ? messageEventJson(event) : undefined
    if (this.#recorder !== null)
      if (large) this.#recorder(this.#whole(event))
      else this.#recorder(event, json)
    if (accepting) this.#batcher.pushJson(json!)
    return seq
  }

  /** A recorded large message is stored whole, not as its preview. */
  #whole(event: MessageEvent): MessageEvent {
    const stored = this.#large.get(event.seq)
    const { truncated: _truncated, ...rest } = event
    return stored?.data !== undefined
      ? { ...rest, data: stored.data }
      : { ...rest, base64: stored?.base64 ?? event.base64 }
  }

  /** Hands every event from now on (skipped rows included) to `recorder`; null stops. */
  setRecorder(recorder: EventSink | null): void {
    this.#recorder = recorder
  }

  error(code: ErrorCode, message: string): void {
    const event = redactEvent(
      { type: 'error', seq: ++this.#seq, ts: this.clock.now(), code, message },
      this.#secrets,
    )
    this.#error = { code, message: event.message }
    this.#recorder?.(event)
    this.#batcher.push(event)
    this.#listeners.snapshot(this.snapshot())
  }

  reconnecting(attempt: number, delayMs: number | null, lastEventId: string | null): void {
    this.#lifecycle('reconnecting', {
      type: 'reconnecting',
      seq: 0,
      ts: this.clock.now(),
      attempt,
      delayMs,
      lastEventId,
    })
  }

  closing(): void {
    if (this.#state === 'closed') return
    this.#state = 'closing'
    this.#listeners.snapshot(this.snapshot())
  }

  closed(code: number | null, reason: string, clean: boolean): void {
    this.#lifecycle('closed', { type: 'close', seq: 0, ts: this.clock.now(), code, reason, clean })
    this.#batcher.flush()
  }

  setLastEventId(id: string): void {
    this.#lastEventId = id
  }

  setRetry(ms: number): void {
    this.#retryMs = ms
  }

  #lifecycle(state: ConnectionState, event: ConnectionEvent): void {
    this.#state = state
    event.seq = ++this.#seq
    this.#recorder?.(event)
    this.#batcher.push(event)
    this.#listeners.snapshot(this.snapshot())
  }
}
