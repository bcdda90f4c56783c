import { isUtf8 } from 'node:buffer'
import {
  redactEvent,
  redactRequest,
  redactText,
  secretsOf,
  type ConnectionEvent,
  type ConnectionId,
  type ConnectionRequest,
  type ConnectionSnapshot,
  type ConnectionState,
  type ConnectionStats,
  type ErrorCode,
  type HandshakeInfo,
  type JournalStatus,
  type MessageEvent,
  type MessageKind,
  type RealtimeProtocol,
  type SecretsToRedact,
  type StoredMessage,
} from '#common/contract/index.ts'
import type { SseFields } from '#common/batch/index.ts'
import { EventBatcher, type BatchingOptions, type FlowSource } from './event-batcher.ts'
import type { Clock } from './environment.ts'
import { LARGE_MESSAGE_BYTES, LargeMessageStore, previewOf } from './large-messages.ts'

/**
 * Where every event of a connection is kept (the host's journal): its batches, each large message
 * whole, and its end. Made with the connection, so it gets every event from the first.
 */
export interface JournalSink {
  /** Which run of the journal holds this connection, and why it no longer keeps, if it stopped. */
  status(): JournalStatus
  /** Every row, in the batches the view gets (or would, had it not skipped some). */
  batch(batch: Uint8Array): void
  /** A message over 64 KiB, whole: the batches carry only its preview. */
  whole(message: MessageEvent): void
  /** The connection has ended for good at `ts`: nothing follows. */
  end(ts: number): void
}

/** Makes the journal of a new connection; `changed` is called when its status changes. */
export type JournalFactory = (connection: {
  id: ConnectionId
  protocol: RealtimeProtocol
  /** Without the connection's secrets. */
  url: string
  /** The session whose runs keep it, or null: a scratch journal of an unsaved tab. */
  keepIn: string | null
  changed: () => void
}) => JournalSink | null

/**
 * What a protocol driver reports. Its LiveConnection turns each report into a numbered, timestamped
 * ConnectionEvent, keeps the snapshot and statistics, and hands events to the batcher.
 */
export interface ConnectionReporter {
  readonly clock: Clock
  connecting(attempt: number, url: string): void
  open(handshake: HandshakeInfo): void
  /** `ts` is when the bytes arrived; `payload` text or bytes (see LiveConnection.message). */
  message(
    ts: number,
    direction: 'in' | 'out',
    kind: MessageKind,
    payload: string | Buffer,
    sse?: SseFields,
  ): number
  /** `handshake`: what was sent and answered, when the server refused the handshake. */
  error(code: ErrorCode, message: string, handshake?: HandshakeInfo): void
  reconnecting(attempt: number, delayMs: number | null, lastEventId: string | null): void
  closing(): void
  closed(code: number | null, reason: string, clean: boolean): void
  /** The connection has ended for good (closed with no reconnect to come): the driver's last word. */
  ended(): void
  /** SSE bookkeeping shown in the snapshot. */
  setLastEventId(id: string): void
  setRetry(ms: number): void
}

export interface ConnectionListeners {
  snapshot(snapshot: ConnectionSnapshot): void
  /** A batch for the view (see batch-format.ts); false if no view is reading. */
  batch(batch: Uint8Array): boolean
}

/**
 * One connection as the host holds it while it lives: what its driver reports becomes its events,
 * snapshot and statistics, its batches for the view, and its journal.
 */
export class LiveConnection implements ConnectionReporter {
  readonly id: ConnectionId
  readonly protocol: RealtimeProtocol
  readonly request: ConnectionRequest
  readonly clock: Clock
  readonly #listeners: ConnectionListeners
  readonly #batcher: EventBatcher
  readonly #large: LargeMessageStore
  /** What no event of this connection may carry (see redactEvent). */
  readonly #secrets: SecretsToRedact
  /** The request as snapshots carry it: without its secrets. */
  readonly #shownRequest: ConnectionRequest
  #seq = 0
  #state: ConnectionState = 'connecting'
  #handshake: HandshakeInfo | null = null
  #lastEventId: string | null = null
  #retryMs: number | null = null
  #openedAt: number | null = null
  #closedAt: number | null = null
  #error: { code: ErrorCode; message: string } | null = null
  readonly #journal: JournalSink | null
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
    options: {
      clock: Clock
      batching: BatchingOptions
      largeMessageBudgetBytes: number
      /** The URL connected to, and where it is journaled (no journal without a factory). */
      url: string
      journal?: JournalFactory
      keepIn?: string | null
    },
    listeners: ConnectionListeners,
  ) {
    this.id = id
    this.protocol = protocol
    this.request = request
    this.clock = options.clock
    this.#listeners = listeners
    this.#secrets = secretsOf(request)
    this.#shownRequest = redactRequest(request, this.#secrets)
    this.#large = new LargeMessageStore(options.largeMessageBudgetBytes)
    this.#batcher = new EventBatcher(
      id,
      options.batching,
      request.delivery ?? 'lossless',
      options.clock,
      () => ({ ...this.#stats }),
      {
        live: (batch) => listeners.batch(batch),
        skipped: (count) => (this.#stats.skipped += count),
      },
    )
    const journal = (this.#journal =
      options.journal?.({
        id,
        protocol,
        url: this.redact(options.url),
        keepIn: options.keepIn ?? null,
        changed: () => listeners.snapshot(this.snapshot()),
      }) ?? null)
    if (journal) this.#batcher.setRecorder((batch) => journal.batch(batch))
  }

  /** `text` without this connection's secrets: for what is kept of it elsewhere (a run's URL). */
  redact(text: string): string {
    return redactText(text, this.#secrets)
  }

  /** What to pause when the view falls behind: the driver, once it has started. */
  setSource(source: FlowSource): void {
    this.#batcher.setSource(source)
  }

  get state(): ConnectionState {
    return this.#state
  }

  snapshot(): ConnectionSnapshot {
    return {
      id: this.id,
      protocol: this.protocol,
      state: this.#state,
      request: this.#shownRequest,
      handshake: this.#handshake,
      stats: { ...this.#stats },
      lastEventId: this.#lastEventId,
      retryMs: this.#retryMs,
      error: this.#error,
      openedAt: this.#openedAt,
      closedAt: this.#closedAt,
      journal: this.#journal?.status() ?? null,
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
   * Reports one message. `payload` is text, or bytes: bytes go into the batch as they are (text
   * frames are UTF-8 already, and are decoded only in the view, for the rows on screen); ping and
   * pong data shows as text when it is UTF-8, anything else as base64.
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
    const text =
      typeof payload === 'string' || kind === 'text' || (kind !== 'binary' && isUtf8(payload))
    const large = size > LARGE_MESSAGE_BYTES
    if (large) {
      const whole: MessageEvent = { type: 'message', seq, ts, direction, kind, size }
      if (text) whole.data = payload.toString()
      else whole.base64 = payload.toString('base64')
      if (sse?.event !== undefined) whole.event = sse.event
      if (sse?.id !== undefined) whole.id = sse.id
      if (sse?.lastEventId !== undefined) whole.lastEventId = sse.lastEventId
      this.#large.put({ seq, kind, direction, size, data: whole.data, base64: whole.base64 })
      this.#journal?.whole(whole)
    }
    this.#batcher.addMessage(
      seq,
      ts,
      size,
      kind,
      direction,
      large ? previewOf(payload, text) : payload,
      { text, truncated: large },
      sse,
    )
    return seq
  }

  error(code: ErrorCode, message: string, handshake?: HandshakeInfo): void {
    const event = redactEvent(
      {
        type: 'error',
        seq: ++this.#seq,
        ts: this.clock.now(),
        code,
        message,
        ...(handshake ? { handshake } : {}),
      },
      this.#secrets,
    )
    this.#error = { code, message: event.message }
    // A refused handshake shows in the Handshake tab, as an accepted one does.
    if (event.handshake) this.#handshake = event.handshake
    this.#batcher.addEvent(event)
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
    this.#batcher.flush(true)
  }

  ended(): void {
    this.#batcher.flush(true)
    this.#journal?.end(this.#closedAt ?? this.clock.now())
  }

  setLastEventId(id: string): void {
    this.#lastEventId = id
  }

  setRetry(ms: number): void {
    this.#retryMs = ms
  }

  #lifecycle(state: ConnectionState, event: ConnectionEvent): void {
    this.#state = state
    if (state === 'open') {
      this.#openedAt = event.ts
      this.#closedAt = null
    } else if (state === 'closed' && this.#openedAt !== null && this.#closedAt === null) {
      this.#closedAt = event.ts
    }
    event.seq = ++this.#seq
    this.#batcher.addEvent(event)
    this.#listeners.snapshot(this.snapshot())
  }
}
