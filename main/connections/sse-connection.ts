import type { ReadableStreamReadResult } from 'node:stream/web'
import { createParser, type EventSourceParser } from 'eventsource-parser'
import { Agent, fetch, ProxyAgent, type Dispatcher, type Response } from 'undici'
import { ApiError, type HandshakeInfo, type NameValue } from '#common/contract/index.ts'
import type { ConnectionDriver, DriverContext } from './driver.ts'
import { describeNetworkError, type FailureReport } from './net-errors.ts'
import { tlsOptions } from './request-headers.ts'
import { summarize } from './response-body.ts'

/** [spec] The reconnection time before a server sets one: "a few seconds"; browsers use 3 s. */
export const DEFAULT_RETRY_MS = 3_000
/** A line longer than this (a server that never sends a line end) is an error, not a memory leak. */
export const MAX_SSE_BUFFER_CHARS = 16 * 1024 * 1024

/** How one request of the stream ended, which decides whether to reconnect. */
type Outcome =
  | { kind: 'ended'; failure: FailureReport | null }
  | { kind: 'stop'; failure: FailureReport | null; reason: string }
  | { kind: 'closed-by-user' }

/** The dispatcher fetch uses: TLS options, connect timeout, and a proxy when one is set. */
export function createDispatcher(context: DriverContext): Dispatcher {
  const tls = tlsOptions(context.request.tls)
  const timeout = context.request.handshakeTimeoutMs ?? 10_000
  return context.request.proxy
    ? new ProxyAgent({ uri: context.request.proxy, requestTls: tls })
    : new Agent({ connect: { ...tls, timeout } })
}

/**
 * Server-Sent Events over fetch and eventsource-parser: any method, body and headers; every field,
 * comment and retry reported; reconnection per the WHATWG processing model.
 */
export function startSseConnection(context: DriverContext): ConnectionDriver {
  const { request, report, url } = context
  const { clock } = report
  const sse = request.sse ?? {}
  const dispatcher = createDispatcher(context)
  let lastEventId = sse.lastEventId ?? ''
  let retryMs = DEFAULT_RETRY_MS
  let abort: AbortController | null = null
  let userClosed = false
  let wakeUp: (() => void) | null = null

  if (lastEventId) report.setLastEventId(lastEventId)
  report.setRetry(retryMs)

  /** Reconnects since the stream was last open; the next connect is attempt `reconnects + 1`. */
  let reconnects = 0

  async function run(): Promise<void> {
    for (;;) {
      report.connecting(reconnects + 1, url.href)
      const outcome = await requestOnce()
      if (outcome.kind === 'closed-by-user') {
        report.closed(null, 'Closed by you', true)
        break
      }
      if (outcome.failure) report.error(outcome.failure.code, outcome.failure.message)
      if (outcome.kind === 'stop') {
        report.closed(null, outcome.reason, outcome.failure === null)
        break
      }
      report.closed(
        null,
        outcome.failure ? 'The stream broke' : 'The server ended the stream',
        outcome.failure === null,
      )
      if (!(sse.reconnect ?? (sse.method ?? 'GET') === 'GET')) break
      // [spec 9.2.3] wait the reconnection time, then reconnect with Last-Event-ID.
      reconnects++
      report.reconnecting(reconnects, retryMs, lastEventId || null)
      await new Promise<void>((resolve) => {
        const timer = clock.setTimeout(resolve, retryMs)
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
    await dispatcher.close().catch(() => {})
  }

  async function requestOnce(): Promise<Outcome> {
    abort = new AbortController()
    const handshakeTimeout = request.handshakeTimeoutMs ?? 10_000
    let timedOut = false
    const timer = clock.setTimeout(() => {
      timedOut = true
      abort?.abort()
    }, handshakeTimeout)
    const headers = requestHeadersFor(
      context.headers,
      lastEventId,
      sse.body !== undefined ? (sse.contentType ?? 'application/json') : null,
    )
    const startedAt = clock.monotonicMs()
    let response: Response
    try {
      response = await fetch(url, {
        method: sse.method ?? 'GET',
        headers: headers.map(({ name, value }) => [name, value] as [string, string]),
        body: sse.body !== undefined && (sse.method ?? 'GET') !== 'GET' ? sse.body : undefined,
        signal: abort.signal,
        dispatcher,
      })
    } catch (error) {
      clock.clearTimeout(timer)
      if (userClosed) return { kind: 'closed-by-user' }
      if (timedOut) {
        return {
          kind: 'ended',
          failure: {
            code: 'TIMEOUT',
            message: `${url.host} sent no response headers within ${handshakeTimeout} ms`,
          },
        }
      }
      return { kind: 'ended', failure: describeNetworkError(error, url) }
    }
    clock.clearTimeout(timer)

    const contentType = response.headers.get('content-type') ?? ''
    // [spec 9.2.3] 204 No Content: the server asks the client not to reconnect.
    if (response.status === 204) {
      await response.body?.cancel().catch(() => {})
      return {
        kind: 'stop',
        failure: null,
        reason: 'The server answered 204 No Content: it asks for no reconnection',
      }
    }
    if (response.status !== 200 || !/^text\/event-stream\s*(;|$)/i.test(contentType)) {
      // [spec 9.2.3] any other status, or another type, fails the connection for good.
      const body = await bodyStart(response)
      const what =
        response.status !== 200
          ? `${response.status} ${response.statusText}`
          : `Content-Type ${contentType || '(none)'}`
      return {
        kind: 'stop',
        failure: {
          code: 'HANDSHAKE_REJECTED',
          message:
            `The server answered ${what}${response.status === 200 ? '' : ` (${contentType || 'no Content-Type'})`}, ` +
            `not an event stream${body ? `: ${body}` : ''}`,
        },
        reason: 'Not an event stream',
      }
    }

    report.open(handshake(response, headers, clock.monotonicMs() - startedAt))
    reconnects = 0
    return readStream(response)
  }

  async function readStream(response: Response): Promise<Outcome> {
    let chunkTs = 0
    let failure: FailureReport | null = null
    const parser: EventSourceParser = createParser({
      onEvent(event) {
        report.message(chunkTs, 'in', 'sse-event', event.data, {
          event: event.event ?? 'message',
          ...(event.id !== undefined ? { id: event.id } : {}),
        })
      },
      onId(id) {
        // [spec] the last event ID persists across events and reconnections.
        lastEventId = id
        report.setLastEventId(id)
      },
      onRetry(ms) {
        retryMs = ms
        report.setRetry(ms)
        report.message(chunkTs, 'in', 'sse-retry', '', { retry: ms })
      },
      onComment(comment) {
        report.message(chunkTs, 'in', 'sse-comment', comment)
      },
      onError(error) {
        if (error.type === 'max-buffer-size-exceeded') {
          failure = {
            code: 'MESSAGE_TOO_BIG',
            message: `The server sent over ${context.sseMaxBufferChars} characters without finishing a line or an event; stopped reading`,
          }
        }
      },
      maxBufferSize: context.sseMaxBufferChars,
    })
    const decoder = new TextDecoder()
    const reader = response.body!.getReader()
    try {
      for (;;) {
        const { value, done } = (await reader.read()) as ReadableStreamReadResult<Uint8Array>
        if (done) break
        chunkTs = clock.now()
        parser.feed(decoder.decode(value, { stream: true }))
        if (failure) {
          await reader.cancel().catch(() => {})
          return { kind: 'stop', failure, reason: 'The stream broke a limit' }
        }
      }
      return { kind: 'ended', failure: null }
    } catch (error) {
      if (userClosed) return { kind: 'closed-by-user' }
      return { kind: 'ended', failure: describeNetworkError(error, url) }
    }
  }

  void run()

  const oneWay = (): never => {
    throw new ApiError(
      'INVALID_ARGUMENT',
      'Server-Sent Events are one-way: nothing can be sent after the request. Put data in the request body instead',
    )
  }

  return {
    send: oneWay,
    ping: oneWay,
    close() {
      if (userClosed) return
      userClosed = true
      report.closing()
      abort?.abort()
      wakeUp?.()
    },
  }
}

function requestHeadersFor(
  user: readonly NameValue[],
  lastEventId: string,
  contentType: string | null,
): NameValue[] {
  const headers: NameValue[] = [
    { name: 'Accept', value: 'text/event-stream' },
    { name: 'Cache-Control', value: 'no-store' },
  ]
  if (lastEventId) headers.push({ name: 'Last-Event-ID', value: lastEventId })
  if (contentType) headers.push({ name: 'Content-Type', value: contentType })
  const overridden = new Set(user.map(({ name }) => name.toLowerCase()))
  return [...headers.filter(({ name }) => !overridden.has(name.toLowerCase())), ...user]
}

function handshake(response: Response, sent: NameValue[], durationMs: number): HandshakeInfo {
  const responseHeaders: NameValue[] = []
  response.headers.forEach((value, name) => responseHeaders.push({ name, value }))
  return {
    url: response.url,
    status: response.status,
    statusText: response.statusText,
    requestHeaders: sent,
    responseHeaders,
    subprotocol: null,
    extensions: null,
    compression: response.headers.get('content-encoding'),
    durationMs,
  }
}

async function bodyStart(response: Response): Promise<string> {
  try {
    const reader = response.body?.getReader()
    if (!reader) return ''
    const { value } = (await reader.read()) as ReadableStreamReadResult<Uint8Array>
    await reader.cancel().catch(() => {})
    const bytes = value ?? new Uint8Array()
    return summarize(new TextDecoder().decode(bytes.subarray(0, 512)), 512, bytes.length)
  } catch {
    return ''
  }
}
