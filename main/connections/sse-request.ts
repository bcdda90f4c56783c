import type { ReadableStreamReadResult } from 'node:stream/web'
import { createParser, type EventSourceParser } from 'eventsource-parser'
import type { Dispatcher, Response } from 'undici'
import type { NameValue } from '#common/contract/index.ts'
import type { DriverContext } from './driver.ts'
import { describeNetworkError, type FailureReport } from './net-errors.ts'
import { wireHeaderValue } from './request-headers.ts'
import type { FlowGate } from './flow-gate.ts'
import {
  quoteBody,
  readResponseStart,
  REFUSED_BODY_BYTES,
  REFUSED_BODY_WAIT_MS,
} from './response-body.ts'
import { sseHandshake } from './sse-handshake.ts'

/** What one request of a stream knows and leaves for the next: [spec] the last event ID, the retry. */
export interface SseStreamState {
  lastEventId: string
  retryMs: number
}

/** How one request of the stream ended, which decides whether to reconnect. */
export type SseOutcome =
  | { kind: 'ended'; failure: FailureReport | null }
  | { kind: 'stop'; failure: FailureReport | null; reason: string }
  | { kind: 'closed-by-user' }

/**
 * One request of an event stream: sends it (any method, body and headers, plus Last-Event-ID),
 * checks the answer as the WHATWG processing model says, then reports every event, id, retry and
 * comment until the body ends. `signal` aborts it when the user closes the connection; the body
 * is read only while `gate` is open.
 */
export async function requestEventStream(
  context: DriverContext,
  dispatcher: Dispatcher,
  state: SseStreamState,
  abort: AbortController,
  gate: FlowGate,
): Promise<SseOutcome> {
  const { request, report, url } = context
  const { clock } = report
  const sse = request.sse ?? {}
  const method = sse.method ?? 'GET'
  const handshakeTimeout = request.handshakeTimeoutMs ?? 10_000
  let timedOut = false
  const timer = clock.setTimeout(() => {
    timedOut = true
    abort.abort()
  }, handshakeTimeout)
  const headers = requestHeadersFor(
    context.headers,
    state.lastEventId,
    sse.body !== undefined ? (sse.contentType ?? 'application/json') : null,
  )
  const startedAt = clock.monotonicMs()
  let response: Response
  try {
    response = await context.network.fetch(url, {
      method,
      // [spec] Last-Event-ID is sent "encoded as UTF-8"; fetch's headers are byte strings.
      headers: headers.map(({ name, value }) => [name, wireHeaderValue(value)] as [string, string]),
      body: sse.body !== undefined && method !== 'GET' ? sse.body : undefined,
      signal: abort.signal,
      dispatcher,
    })
  } catch (error) {
    clock.clearTimeout(timer)
    if (abort.signal.aborted && !timedOut) return { kind: 'closed-by-user' }
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
    const body = await readResponseStart(response, REFUSED_BODY_BYTES, REFUSED_BODY_WAIT_MS)
    const quoted = quoteBody(body)
    const what =
      response.status !== 200
        ? `${response.status} ${response.statusText} (${contentType || 'no Content-Type'})`
        : `Content-Type ${contentType || '(none)'}`
    return {
      kind: 'stop',
      failure: {
        code: 'HANDSHAKE_REJECTED',
        message: `The server answered ${what}, not an event stream${quoted ? `: ${quoted}` : ''}`,
        handshake: {
          ...sseHandshake(response, headers, clock.monotonicMs() - startedAt),
          body: body.text,
          bodyTruncated: body.truncated,
        },
      },
      reason: 'Not an event stream',
    }
  }

  report.open(sseHandshake(response, headers, clock.monotonicMs() - startedAt))
  return readEvents(context, response, state, abort.signal, gate)
}

async function readEvents(
  context: DriverContext,
  response: Response,
  state: SseStreamState,
  signal: AbortSignal,
  gate: FlowGate,
): Promise<SseOutcome> {
  const { report, url } = context
  let chunkTs = 0
  let failure: FailureReport | null = null
  const parser: EventSourceParser = createParser({
    onEvent(event) {
      report.message(chunkTs, 'in', 'sse-event', event.data, {
        event: event.event ?? 'message',
        ...(event.id !== undefined ? { id: event.id } : {}),
        // [spec] the last event ID persists across events without an id field.
        ...(state.lastEventId !== '' ? { lastEventId: state.lastEventId } : {}),
      })
    },
    onId(id) {
      // Called at dispatch, before onEvent: the id is in force for the event it came with.
      state.lastEventId = id
      report.setLastEventId(id)
    },
    onRetry(ms) {
      state.retryMs = ms
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
  // [spec] One leading BOM is stripped, by the parser: the decoder must keep it, or a second
  // BOM (which belongs to the first field's name) would be stripped too.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true })
  const reader = response.body!.getReader()
  try {
    for (;;) {
      if (gate.paused) await gate.passed()
      const { value, done } = (await reader.read()) as ReadableStreamReadResult<Uint8Array>
      if (done) break
      chunkTs = report.clock.now()
      parser.feed(decoder.decode(value, { stream: true }))
      if (failure) {
        await reader.cancel().catch(() => {})
        return { kind: 'stop', failure, reason: 'The stream broke a limit' }
      }
    }
    return { kind: 'ended', failure: null }
  } catch (error) {
    if (signal.aborted) return { kind: 'closed-by-user' }
    return { kind: 'ended', failure: describeNetworkError(error, url) }
  }
}

/** What an EventSource sends, overridden by the user's own headers of the same names. */
function requestHeadersFor(
  user: readonly NameValue[],
  lastEventId: string,
  contentType: string | null,
): NameValue[] {
  const headers: NameValue[] = [
    { name: 'Accept', value: 'text/event-stream' },
    // [spec] the request's cache mode is "no-store", which fetch sends as these two headers.
    { name: 'Cache-Control', value: 'no-cache' },
    { name: 'Pragma', value: 'no-cache' },
  ]
  if (lastEventId) headers.push({ name: 'Last-Event-ID', value: lastEventId })
  if (contentType) headers.push({ name: 'Content-Type', value: contentType })
  const overridden = new Set(user.map(({ name }) => name.toLowerCase()))
  return [...headers.filter(({ name }) => !overridden.has(name.toLowerCase())), ...user]
}
