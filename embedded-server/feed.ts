import { systemWallClock } from '#common/time/wall-clock.ts'
import { frameBatch, OPCODE_TEXT } from './ws/ws-frame.ts'

export interface FeedMessage {
  seq: number
  /** The message as JSON text, byte-identical over SSE and WebSocket. */
  text: string
}

/**
 * The messages of one tick, with each protocol's bytes made once, when the first subscriber of
 * that protocol asks, however many subscribers write them.
 */
export class FeedBatch {
  readonly messages: readonly FeedMessage[]
  #frames: Buffer | null = null
  #sse: string | null = null
  #bytes = -1

  constructor(messages: readonly FeedMessage[]) {
    this.messages = messages
  }

  /** The messages as WebSocket text frames, one after the other. */
  get frames(): Buffer {
    this.#frames ??= frameBatch(
      this.messages.map(({ text }) => Buffer.from(text)),
      OPCODE_TEXT,
    )
    return this.#frames
  }

  /** The messages as SSE events (id: the seq). */
  get sse(): string {
    this.#sse ??= this.messages.map(({ seq, text }) => `id: ${seq}\ndata: ${text}\n\n`).join('')
    return this.#sse
  }

  /** Bytes of the messages' text. */
  get bytes(): number {
    if (this.#bytes < 0)
      this.#bytes = this.messages.reduce((sum, { text }) => sum + Buffer.byteLength(text), 0)
    return this.#bytes
  }

  /** The messages one by one, for a client whose frames are made for it alone. */
  payloads(): { data: Buffer; binary: boolean }[] {
    return this.messages.map(({ text }) => ({ data: Buffer.from(text), binary: false }))
  }
}

export interface Feed {
  /**
   * Delivers every message with a sequence number above `afterSeq` still in the history (the
   * Last-Event-ID resume), then each new tick's batch. Returns the function that unsubscribes.
   */
  subscribe(listener: (batch: FeedBatch) => void, afterSeq?: number): () => void
  close(): void
}

export interface FeedOptions {
  /** Messages per second. */
  rate: number
  /** How many past messages a resuming client can get back. */
  historySize: number
  now?: () => number
}

/** The most messages one tick makes, however late it runs. */
const MAX_PER_TICK = 10_000

/**
 * One sequence-numbered stream of JSON messages (`seq`, a server timestamp with sub-millisecond
 * precision, a payload) shared by /sse/feed and /ws/feed, so one data stream can be compared across
 * the two protocols. Each tick makes the messages due since the start as one batch, framed once
 * for every subscriber (a write per subscriber per tick, not per message). It ticks only while
 * someone listens; sequence numbers never restart.
 */
export function createFeed({ rate, historySize, now = systemWallClock }: FeedOptions): Feed {
  const listeners = new Set<(batch: FeedBatch) => void>()
  const history: FeedMessage[] = []
  // At least 10 ms: a tick is a write per subscriber, so more messages share one as the rate grows.
  const tickMs = Math.max(10, Math.min(100, Math.floor(1000 / rate)))
  let seq = 0
  let price = 100
  let timer: NodeJS.Timeout | null = null
  let started = 0
  let made = 0

  function message(): FeedMessage {
    seq += 1
    // A random walk, so the payload looks like the trading feeds people point this app at.
    price = Math.max(1, price + (Math.random() - 0.5) * 0.5)
    const text = JSON.stringify({
      seq,
      ts: now(),
      payload: { symbol: 'DEMO', price: Number(price.toFixed(2)) },
    })
    return { seq, text }
  }

  function tick(): void {
    const due = Math.min(
      MAX_PER_TICK,
      Math.floor(((performance.now() - started) * rate) / 1000) - made,
    )
    if (due <= 0) return
    made += due
    const messages = Array.from({ length: due }, message)
    history.push(...messages)
    if (history.length > historySize) history.splice(0, history.length - historySize)
    const batch = new FeedBatch(messages)
    for (const listener of listeners) listener(batch)
  }

  return {
    subscribe(listener, afterSeq) {
      if (afterSeq !== undefined) {
        const missed = history.filter((message) => message.seq > afterSeq)
        if (missed.length > 0) listener(new FeedBatch(missed))
      }
      listeners.add(listener)
      if (timer === null) {
        started = performance.now()
        made = 0
        timer = setInterval(tick, tickMs)
      }
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0 && timer) {
          clearInterval(timer)
          timer = null
        }
      }
    },
    close() {
      listeners.clear()
      if (timer) clearInterval(timer)
      timer = null
    },
  }
}
