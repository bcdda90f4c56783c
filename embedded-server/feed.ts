import { preciseNow } from './clock.ts'

export interface FeedMessage {
  seq: number
  /** The message as JSON text, byte-identical over SSE and WebSocket. */
  text: string
}

export interface Feed {
  /**
   * Delivers every message with a sequence number above `afterSeq` still in the history (the
   * Last-Event-ID resume), then each new one. Returns the function that unsubscribes.
   */
  subscribe(listener: (message: FeedMessage) => void, afterSeq?: number): () => void
  close(): void
}

export interface FeedOptions {
  intervalMs: number
  /** How many past messages a resuming client can get back. */
  historySize: number
  now?: () => number
}

/**
 * One sequence-numbered stream of JSON messages (`seq`, a server timestamp with sub-millisecond
 * precision, a payload) shared by /sse/feed and /ws/feed, so one data stream can be compared across
 * the two protocols. It ticks only while someone listens; sequence numbers never restart.
 */
export function createFeed({ intervalMs, historySize, now = preciseNow }: FeedOptions): Feed {
  const listeners = new Set<(message: FeedMessage) => void>()
  const history: FeedMessage[] = []
  let seq = 0
  let price = 100
  let timer: NodeJS.Timeout | null = null

  function tick(): void {
    seq += 1
    // A random walk, so the payload looks like the trading feeds people point this app at.
    price = Math.max(1, price + (Math.random() - 0.5) * 0.5)
    const text = JSON.stringify({
      seq,
      ts: now(),
      payload: { symbol: 'DEMO', price: Number(price.toFixed(2)) },
    })
    const message = { seq, text }
    history.push(message)
    if (history.length > historySize) history.shift()
    for (const listener of listeners) listener(message)
  }

  return {
    subscribe(listener, afterSeq) {
      if (afterSeq !== undefined) {
        for (const message of history) if (message.seq > afterSeq) listener(message)
      }
      listeners.add(listener)
      timer ??= setInterval(tick, intervalMs)
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
