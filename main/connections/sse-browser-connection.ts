import { EventSource } from 'eventsource'
import { fetch, type Response } from 'undici'
import { ApiError, type HandshakeInfo, type NameValue } from '#common/contract/index.ts'
import type { ConnectionDriver, DriverContext } from './driver.ts'
import { createDispatcher } from './sse-connection.ts'

/**
 * "Browser-faithful" SSE: the `eventsource` package, which implements the WHATWG EventSource, so
 * the log shows exactly what a browser page would get: only `message` and the event types listened
 * for, no comments, no retry fields, `lastEventId` instead of per-event ids, and its own
 * reconnection. GET only, as in a browser; the headers set here are still sent.
 */
export function startBrowserSseConnection(context: DriverContext): ConnectionDriver {
  const { request, report, url } = context
  const { clock } = report
  const method = request.sse?.method ?? 'GET'
  if (method !== 'GET') {
    throw new ApiError(
      'INVALID_ARGUMENT',
      `Browser-faithful mode uses EventSource, which only sends GET, not ${method}`,
    )
  }
  const dispatcher = createDispatcher(context)
  let handshake: HandshakeInfo | null = null
  let reconnects = 0
  let closedByUser = false

  const source = new EventSource(url, {
    fetch: async (input, init) => {
      const startedAt = clock.monotonicMs()
      const sent: NameValue[] = [
        ...Object.entries(init.headers).map(([name, value]) => ({ name, value })),
        ...context.headers,
      ]
      const response: Response = await fetch(input, {
        ...init,
        headers: sent.map(({ name, value }) => [name, value] as [string, string]),
        dispatcher,
      })
      const responseHeaders: NameValue[] = []
      response.headers.forEach((value, name) => responseHeaders.push({ name, value }))
      handshake = {
        url: response.url,
        status: response.status,
        statusText: response.statusText,
        requestHeaders: sent,
        responseHeaders,
        subprotocol: null,
        extensions: null,
        compression: response.headers.get('content-encoding'),
        durationMs: clock.monotonicMs() - startedAt,
      }
      return response
    },
  })

  report.connecting(1, url.href)
  source.addEventListener('open', () => {
    reconnects = 0
    if (handshake) report.open(handshake)
  })
  for (const type of new Set(['message', ...(request.sse?.eventNames ?? [])])) {
    source.addEventListener(type, (event: MessageEvent) => {
      report.message(clock.now(), 'in', 'sse-event', event.data as string, {
        event: event.type,
        ...(event.lastEventId ? { id: event.lastEventId } : {}),
      })
      if (event.lastEventId) report.setLastEventId(event.lastEventId)
    })
  }
  source.addEventListener('error', (event) => {
    if (closedByUser) return
    if (source.readyState === EventSource.CLOSED) {
      report.error(
        'HANDSHAKE_REJECTED',
        `EventSource failed the connection for good${event.message ? `: ${event.message}` : ''}`,
      )
      report.closed(null, 'EventSource gave up', false)
      void dispatcher.close().catch(() => {})
    } else {
      // EventSource reconnects by itself after its reconnection time, which it does not expose.
      reconnects++
      report.closed(null, event.message ?? 'The stream ended', false)
      report.reconnecting(reconnects, null, null)
      report.connecting(reconnects + 1, url.href)
    }
  })

  const oneWay = (): never => {
    throw new ApiError(
      'INVALID_ARGUMENT',
      'Server-Sent Events are one-way: nothing can be sent after the request',
    )
  }
  return {
    send: oneWay,
    ping: oneWay,
    close() {
      if (closedByUser) return
      closedByUser = true
      source.close()
      report.closed(null, 'Closed by you', true)
      void dispatcher.close().catch(() => {})
    },
  }
}
