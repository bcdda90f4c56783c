import type { ServerResponse } from 'node:http'
import { drainOrClose } from '../drain.ts'
import {
  createTrickySseFormatter,
  plainSseFormatter,
  type SseEvent,
  type SseFormatter,
} from './sse-format.ts'

/** The fault and framing parameters every SSE endpoint takes. */
export interface SseStreamOptions {
  /** A `retry:` field sent first. */
  retryMs?: number
  /** End the body after this many events. */
  dropAfter?: number
  /** Content-Type to answer with instead of text/event-stream. */
  contentType?: string
  /** Drip the body one byte every this many ms. */
  slowMs?: number
  tricky: boolean
  heartbeatMs: number
  /** Drop a client whose unsent output grows beyond this, instead of buffering without bound. */
  maxBufferedBytes: number
}

export interface SseStream {
  /** Sends events in one write. Does nothing once closed. */
  send(events: readonly SseEvent[]): void
  /**
   * Sends events already formatted plainly (`text`, made once for many streams) in one write;
   * `events` are formatted here instead where this stream's options change the format or count.
   */
  sendFormatted(text: string, events: () => readonly SseEvent[]): void
  comment(text: string): void
  /** Events the stream still takes before `dropAfter` ends it (Infinity without the fault). */
  remaining(): number
  readonly closed: boolean
  /** True when the client is not keeping up and the sender should wait for `drained()`. */
  readonly backpressured: boolean
  drained(): Promise<void>
  /** Ends the body cleanly. */
  end(): void
  onClose(listener: () => void): void
}

/**
 * Starts an event stream on `response`: headers at once (so the client sees it open), a heartbeat
 * comment every `heartbeatMs`, and the fault options applied to everything written.
 */
export function openSseStream(response: ServerResponse, options: SseStreamOptions): SseStream {
  const formatter: SseFormatter = options.tricky ? createTrickySseFormatter() : plainSseFormatter
  const closeListeners: (() => void)[] = []
  let closed = false
  let sentEvents = 0
  const drip = options.slowMs ? createDrip(response, options.slowMs) : null

  response.socket?.setNoDelay(true)
  response.writeHead(200, {
    'Content-Type': options.contentType ?? 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    // Proxies such as nginx buffer responses unless told not to.
    'X-Accel-Buffering': 'no',
  })
  response.flushHeaders()

  const heartbeat = setInterval(
    () => stream.comment(`heartbeat ${new Date().toISOString()}`),
    options.heartbeatMs,
  )
  response.on('close', () => finish())
  response.on('error', () => finish())

  function finish(): void {
    if (closed) return
    closed = true
    clearInterval(heartbeat)
    drip?.stop()
    for (const listener of closeListeners) listener()
  }

  function write(text: string): void {
    if (closed || text === '') return
    if (drip) drip.push(text)
    else response.write(text)
    if (response.writableLength + (drip?.pendingBytes() ?? 0) > options.maxBufferedBytes) {
      // A slow consumer: drop it rather than hold its backlog in memory.
      response.destroy()
      finish()
    }
  }

  const stream: SseStream = {
    send(events) {
      if (closed) return
      const room = stream.remaining()
      const batch = events.length > room ? events.slice(0, room) : events
      let text = ''
      for (const event of batch) text += formatter.event(event)
      sentEvents += batch.length
      write(text)
      if (sentEvents >= (options.dropAfter ?? Infinity)) stream.end()
    },
    sendFormatted(text, events) {
      if (closed) return
      if (formatter !== plainSseFormatter || options.dropAfter !== undefined) {
        stream.send(events())
        return
      }
      // (No dropAfter here: the count only matters to it.)
      write(text)
    },
    comment: (text) => write(formatter.comment(text)),
    remaining: () => (options.dropAfter ?? Infinity) - sentEvents,
    get closed() {
      return closed
    },
    get backpressured() {
      return response.writableNeedDrain
    },
    async drained() {
      if (!closed && response.writableNeedDrain) await drainOrClose(response)
    },
    end() {
      if (closed) return
      if (drip) drip.endAfterFlush()
      else response.end()
      clearInterval(heartbeat)
    },
    onClose: (listener) => closeListeners.push(listener),
  }

  write(formatter.preamble())
  if (options.retryMs !== undefined) write(`retry: ${options.retryMs}\n\n`)
  return stream
}

/** Writes queued text one byte every `intervalMs`: the `slow=` fault. */
function createDrip(response: ServerResponse, intervalMs: number) {
  let pending = Buffer.alloc(0)
  let ending = false
  const timer = setInterval(() => {
    if (pending.length > 0) {
      response.write(pending.subarray(0, 1))
      pending = pending.subarray(1)
    } else if (ending) {
      clearInterval(timer)
      response.end()
    }
  }, intervalMs)
  return {
    push(text: string) {
      pending = Buffer.concat([pending, Buffer.from(text)])
    },
    pendingBytes: () => pending.length,
    endAfterFlush() {
      ending = true
    },
    stop() {
      clearInterval(timer)
    },
  }
}
