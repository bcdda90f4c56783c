import type { Response } from 'undici'
import { ApiError, type HandshakeInfo, type NameValue } from '#common/contract/index.ts'
import { sseIsOneWay, type ConnectionDriver, type DriverContext } from './driver.ts'
import { FlowGate } from './flow-gate.ts'
import { wireHeaderValue } from './request-headers.ts'
import { sseDispatcher, sseHandshake } from './sse-handshake.ts'

/**
 * "Browser-faithful" SSE: the `eventsource` package, which implements the WHATWG EventSource, so
 * the log shows exactly what a browser page would get: only `message` and the event types listened
 * for, no comments, no retry fields, each event's `lastEventId` (a browser cannot tell which event
 * carried an id), and its own reconnection. GET only, as in a browser; the headers set here are
 * still sent.
 */
export function startBrowserSseConnection(context: DriverContext): ConnectionDriver {
  const { request, report, url, network } = context
  const { clock } = report
  const method = request.sse?.method ?? 'GET'
  if (method !== 'GET') {
    throw new ApiError(
      'INVALID_ARGUMENT',
      `Browser-faithful mode uses EventSource, which only sends GET, not ${method}`,
    )
  }
  const dispatcher = sseDispatcher(context)
  let handshake: HandshakeInfo | null = null
  let reconnectCount = 0
  let ended = false
  const gate = new FlowGate()

  const source = new network.EventSource(url, {
    fetch: async (input, init) => {
      const startedAt = clock.monotonicMs()
      const sent: NameValue[] = [
        ...Object.entries(init.headers).map(([name, value]) => ({ name, value })),
        ...context.headers,
      ]
      const response: Response = await network.fetch(input, {
        ...init,
        headers: sent.map(({ name, value }) => [name, wireHeaderValue(value)] as [string, string]),
        dispatcher,
      })
      handshake = sseHandshake(response, sent, clock.monotonicMs() - startedAt)
      const { redirected, status, headers, url: responseUrl } = response
      const body = withDecoderBom(response.body, gate)
      return { body, redirected, status, headers, url: responseUrl }
    },
  })

  function end(): void {
    ended = true
    report.ended()
    void dispatcher.close().catch(() => {})
  }

  report.connecting(1, url.href)
  source.addEventListener('open', () => {
    if (handshake) report.open(handshake)
  })
  for (const type of new Set(['message', ...(request.sse?.eventNames ?? [])])) {
    source.addEventListener(type, (event: MessageEvent) => {
      report.message(clock.now(), 'in', 'sse-event', event.data as string, {
        event: event.type,
        ...(event.lastEventId ? { lastEventId: event.lastEventId } : {}),
      })
      if (event.lastEventId) report.setLastEventId(event.lastEventId)
    })
  }
  source.addEventListener('error', (event) => {
    if (ended) return
    if (source.readyState === network.EventSource.CLOSED) {
      report.error(
        'HANDSHAKE_REJECTED',
        `EventSource failed the connection for good${event.message ? `: ${event.message}` : ''}`,
      )
      report.closed(null, 'EventSource gave up', false)
      end()
    } else {
      // EventSource reconnects by itself after its reconnection time, which it does not expose.
      reconnectCount++
      report.closed(null, event.message ?? 'The stream ended', false)
      report.reconnecting(reconnectCount, null, null)
      report.connecting(reconnectCount + 1, url.href)
    }
  })

  return {
    send: sseIsOneWay,
    ping: sseIsOneWay,
    pause() {
      gate.pause()
      return true
    },
    resume: () => gate.resume(),
    close() {
      if (ended) return
      gate.resume()
      source.close()
      report.closed(null, 'Closed by you', true)
      end()
    },
  }
}

/**
 * eventsource 5.1 decodes the body with a TextDecoder that strips a leading BOM, and its parser
 * strips one more, so a stream starting with two BOMs loses both where a browser strips only one
 * ([spec] "one leading U+FEFF BYTE ORDER MARK character must be ignored if any are present"). One
 * BOM put in front is what the decoder takes: the parser then strips exactly the stream's own.
 * Chunks pass `gate`, so pausing it stops the body being read.
 */
function withDecoderBom(
  body: ReadableStream<Uint8Array> | null,
  gate: FlowGate,
): ReadableStream<Uint8Array> | null {
  return (
    body?.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        start: (controller) => controller.enqueue(new Uint8Array([0xef, 0xbb, 0xbf])),
        async transform(chunk, controller) {
          await gate.passed()
          controller.enqueue(chunk)
        },
      }),
    ) ?? null
  )
}
