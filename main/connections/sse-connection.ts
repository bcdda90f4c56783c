import { sseIsOneWay, type ConnectionDriver, type DriverContext } from './driver.ts'
import { FlowGate } from './flow-gate.ts'
import { sseDispatcher } from './sse-handshake.ts'
import { requestEventStream, type SseStreamState } from './sse-request.ts'

/** [spec] The reconnection time before a server sets one: "a few seconds"; browsers use 3 s. */
export const DEFAULT_RETRY_MS = 3_000
/** A line longer than this (a server that never sends a line end) is an error, not a memory leak. */
export const MAX_SSE_BUFFER_CHARS = 16 * 1024 * 1024

/**
 * Server-Sent Events over fetch and eventsource-parser: any method, body and headers; every field,
 * comment and retry reported (see sse-request.ts); reconnection per the WHATWG processing model.
 * Connects and reconnects are numbered from the first connect, as on a WebSocket.
 */
export function startSseConnection(context: DriverContext): ConnectionDriver {
  const { request, report, url } = context
  const { clock } = report
  const sse = request.sse ?? {}
  const dispatcher = sseDispatcher(context)
  const state: SseStreamState = { lastEventId: sse.lastEventId ?? '', retryMs: DEFAULT_RETRY_MS }
  // [spec] POST and the other methods carry a body (a prompt): sent again only when asked.
  const reconnects = sse.reconnect ?? (sse.method ?? 'GET') === 'GET'
  let abort: AbortController | null = null
  let userClosed = false
  let ended = false
  let wakeUp: (() => void) | null = null
  let reconnectCount = 0
  const gate = new FlowGate()

  if (state.lastEventId) report.setLastEventId(state.lastEventId)
  report.setRetry(state.retryMs)

  async function run(): Promise<void> {
    for (;;) {
      report.connecting(reconnectCount + 1, url.href)
      abort = new AbortController()
      const outcome = userClosed
        ? ({ kind: 'closed-by-user' } as const)
        : await requestEventStream(context, dispatcher, state, abort, gate)
      if (outcome.kind === 'closed-by-user' || (userClosed && outcome.kind === 'ended')) {
        report.closed(null, 'Closed by you', true)
        break
      }
      if (outcome.failure)
        report.error(outcome.failure.code, outcome.failure.message, outcome.failure.handshake)
      if (outcome.kind === 'stop') {
        report.closed(null, outcome.reason, outcome.failure === null)
        break
      }
      report.closed(
        null,
        outcome.failure ? 'The stream broke' : 'The server ended the stream',
        outcome.failure === null,
      )
      // A disconnect that came as the stream ended (state `closed` a moment) ends it for good.
      if (!reconnects || userClosed) break
      // [spec 9.2.3] wait the reconnection time, then reconnect with Last-Event-ID.
      reconnectCount++
      report.reconnecting(reconnectCount, state.retryMs, state.lastEventId || null)
      await new Promise<void>((resolve) => {
        const timer = clock.setTimeout(resolve, state.retryMs)
        wakeUp = () => {
          clock.clearTimeout(timer)
          resolve()
        }
      })
      wakeUp = null
      if (userClosed) {
        report.closed(null, 'Closed by you while waiting to reconnect', true)
        break
      }
    }
    ended = true
    report.ended()
    await dispatcher.close().catch(() => {})
  }

  void run()

  return {
    send: sseIsOneWay,
    ping: sseIsOneWay,
    pause() {
      gate.pause()
      return true
    },
    resume: () => gate.resume(),
    close() {
      if (userClosed || ended) return
      userClosed = true
      gate.resume()
      report.closing()
      abort?.abort()
      wakeUp?.()
    },
  }
}
