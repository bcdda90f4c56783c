import type { ClientRequest, IncomingMessage } from 'node:http'
import type { ClientOptions, WebSocket } from 'ws'
import { ApiError, type HandshakeInfo, type NameValue } from '#common/contract/index.ts'
import { backoffDelay, DEFAULT_WS_RECONNECT, mayReconnect } from './backoff.ts'
import type { ConnectionDriver, DriverContext } from './driver.ts'
import { describeNetworkError, type FailureReport } from './net-errors.ts'
import { headersObject, pairsFromRaw, tlsOptions, wireHeaderValue } from './request-headers.ts'
import {
  quoteBody,
  readBodyStart,
  REFUSED_BODY_BYTES,
  REFUSED_BODY_WAIT_MS,
} from './response-body.ts'

/** An open connection this long has proven itself: the reconnect attempt count starts over. */
const STABLE_OPEN_MS = 5_000
const DEFAULT_MAX_PAYLOAD = 100 * 1024 * 1024

/** What went wrong, in ws's terms (its WS_ERR_ codes and handshake messages) or the network's. */
function describeWsError(
  error: Error & { code?: string },
  url: URL,
  viaProxy: boolean,
): FailureReport {
  if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
    return {
      code: 'MESSAGE_TOO_BIG',
      message: `The server sent a message over the size limit (${error.message}); closed the connection with 1009`,
    }
  }
  if (error.code?.startsWith('WS_ERR_')) {
    return {
      code: 'PROTOCOL_ERROR',
      message: `The server broke the WebSocket protocol: ${error.message}`,
    }
  }
  if (error.message === 'Opening handshake has timed out') {
    return {
      code: 'TIMEOUT',
      message: `The WebSocket handshake with ${url.host} did not finish in time`,
    }
  }
  if (/subprotocol|Sec-WebSocket|extension/i.test(error.message)) {
    return {
      code: 'HANDSHAKE_REJECTED',
      message: `The server's handshake was not valid: ${error.message}`,
    }
  }
  if (viaProxy && !error.code) {
    return {
      code: 'PROXY_FAILED',
      message: `The proxy could not open a tunnel to ${url.host}: ${error.message}`,
    }
  }
  return describeNetworkError(error, url)
}

/**
 * A WebSocket connection through `ws`: handshake headers, subprotocols, compression, TLS, proxy,
 * pings both ways, close codes, the heartbeat that spots a silent peer, and reconnecting with
 * backoff when asked to.
 */
export function startWsConnection(context: DriverContext): ConnectionDriver {
  const { request, report } = context
  const options = request.ws ?? {}
  const policy = options.reconnect ?? DEFAULT_WS_RECONNECT
  const { clock } = report
  let socket: WebSocket | null = null
  /** Every connect from the first: the number the log and the CLI show. */
  let connects = 0
  /** Connects since the last stable open: what the backoff and the attempt limit count. */
  let unstable = 0
  let userClosed = false
  /** Not reading, for the view to catch up (see ConnectionDriver.pause). */
  let paused = false
  /** Closed for good: no reconnect is coming, and close() has nothing left to do. */
  let finished = false
  let timers: unknown[] = []

  const later = (callback: () => void, ms: number): void => {
    timers.push(clock.setTimeout(callback, ms))
  }
  const clearTimers = (): void => {
    for (const timer of timers) clock.clearTimeout(timer)
    timers = []
  }

  function connect(): void {
    connects++
    unstable++
    report.connecting(connects, context.url.href)
    const startedAt = clock.monotonicMs()
    const headers = headersObject(context.headers)
    for (const name of Object.keys(headers)) headers[name] = wireHeaderValue(headers[name]!)
    const clientOptions: ClientOptions & { proxy?: string } = {
      headers,
      handshakeTimeout: request.handshakeTimeoutMs ?? 10_000,
      perMessageDeflate: options.perMessageDeflate ?? true,
      followRedirects: options.followRedirects ?? false,
      maxPayload: options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD,
      autoPong: false,
      ...tlsOptions(request.tls),
      ...(options.origin ? { origin: options.origin } : {}),
      ...(request.proxy ? { proxy: request.proxy } : {}),
    }
    const ws = context.network.createWebSocket(
      context.url,
      options.subprotocols ?? [],
      clientOptions,
    )
    socket = ws
    const sent = sentHeaders(ws, context.headers)
    let upgrade: IncomingMessage | null = null
    let failure: FailureReport | null = null
    let pongTimer: unknown = null
    let heartbeat: unknown = null
    /** When the socket's latest read arrived: the time of every message that read completed. */
    let readAt: number | null = null
    const arrived = (): number => readAt ?? clock.now()

    ws.on('upgrade', (response) => (upgrade = response))
    ws.on('open', () => {
      // Before ws's own reader of the socket (added before 'open'; a listener added while the
      // upgrade is handled upsets the order of the first bytes). A read of 64 KiB holds a
      // thousand small messages: timed one by one, the clock was 7 % of the host's work.
      upgrade?.socket.prependListener('data', () => (readAt = clock.now()))
      if (paused) ws.pause()
      report.open(handshakeInfo(ws, upgrade, sent, clock.monotonicMs() - startedAt))
      later(() => (unstable = 0), STABLE_OPEN_MS)
      if (options.autoPing) startHeartbeat(ws, options.autoPing)
    })
    ws.on('unexpected-response', (outgoing, response) => {
      void readBodyStart(response, REFUSED_BODY_BYTES, REFUSED_BODY_WAIT_MS).then((body) => {
        const status = `${response.statusCode ?? 0} ${response.statusMessage ?? ''}`.trim()
        const quoted = quoteBody(body)
        failure = {
          code: 'HANDSHAKE_REJECTED',
          message: `The server answered ${status} instead of switching protocols${quoted ? `: ${quoted}` : ''}`,
          handshake: {
            ...handshakeInfo(ws, response, sent, clock.monotonicMs() - startedAt),
            subprotocol: null,
            extensions: null,
            body: body.text,
            bodyTruncated: body.truncated,
          },
        }
        outgoing.destroy()
        ws.terminate()
      })
    })
    ws.on('message', (data: Buffer, isBinary) => {
      report.message(arrived(), 'in', isBinary ? 'binary' : 'text', data)
    })
    ws.on('ping', (data) => {
      report.message(arrived(), 'in', 'ping', data)
      // Answered by hand (autoPong off) so the pong shows in the log too.
      if (ws.readyState === ws.OPEN) {
        ws.pong(data)
        report.message(clock.now(), 'out', 'pong', data)
      }
    })
    ws.on('pong', (data) => {
      report.message(arrived(), 'in', 'pong', data)
      if (pongTimer !== null) clock.clearTimeout(pongTimer)
      pongTimer = null
    })
    ws.on('error', (error) => {
      failure ??= describeWsError(error, context.url, request.proxy !== undefined)
    })
    ws.on('close', (code, reason) => {
      clearTimers()
      for (const timer of [pongTimer, heartbeat]) if (timer !== null) clock.clearTimeout(timer)
      if (failure) report.error(failure.code, failure.message, failure.handshake)
      // [RFC 6455 §7.1.5] 1006 means the connection closed without a close frame.
      report.closed(code === 1005 ? null : code, reason.toString(), code !== 1006)
      socket = null
      if (!userClosed && mayReconnect(policy, unstable)) {
        const delay = backoffDelay(policy, unstable, context.random)
        // Reconnect number `connects` is next: numbered from the first connect, as for SSE.
        report.reconnecting(connects, delay, null)
        later(connect, delay)
      } else {
        finished = true
        report.ended()
      }
    })

    /** The heartbeat of ws's README: ping every interval; a pong must come back in time. */
    function startHeartbeat(
      target: WebSocket,
      { intervalMs, timeoutMs }: { intervalMs: number; timeoutMs: number },
    ): void {
      const beat = (): void => {
        if (target.readyState !== target.OPEN) return
        target.ping()
        report.message(clock.now(), 'out', 'ping', Buffer.alloc(0))
        pongTimer ??= clock.setTimeout(() => {
          failure = {
            code: 'TIMEOUT',
            message: `No pong within ${timeoutMs} ms of a ping: the peer is gone, so the connection was dropped`,
          }
          target.terminate()
        }, timeoutMs)
        heartbeat = clock.setTimeout(beat, intervalMs)
      }
      heartbeat = clock.setTimeout(beat, intervalMs)
    }
  }

  function openSocket(): WebSocket {
    if (!socket || socket.readyState !== socket.OPEN) {
      const state = socket
        ? ['connecting', 'open', 'closing', 'closed'][socket.readyState]
        : 'closed'
      throw new ApiError('NOT_OPEN', `The connection is not open (it is ${state}); connect first`)
    }
    return socket
  }

  connect()

  return {
    send(payload, binary) {
      openSocket().send(payload, { binary })
      return report.message(clock.now(), 'out', binary ? 'binary' : 'text', payload)
    },
    ping(payload) {
      openSocket().ping(payload)
      return report.message(clock.now(), 'out', 'ping', payload)
    },
    pause() {
      paused = true
      socket?.pause()
      return true
    },
    resume() {
      paused = false
      socket?.resume()
    },
    close(code, reason) {
      if (finished) return
      userClosed = true
      clearTimers()
      if (!socket) {
        // Waiting to reconnect: nothing is open, so the connection is simply over.
        finished = true
        report.closed(null, 'Closed by you while waiting to reconnect', true)
        report.ended()
        return
      }
      report.closing()
      if (socket.readyState === socket.CONNECTING) socket.terminate()
      else socket.close(code ?? 1000, reason)
    },
  }
}

/**
 * The headers the upgrade request really carries (ws adds Host, Sec-WebSocket-Key, Version,
 * Extensions, Protocol…). ws creates its request synchronously in the constructor and keeps it
 * as `_req` until the upgrade: not a public field, so anything unexpected falls back to ours.
 */
function sentHeaders(ws: WebSocket, fallback: NameValue[]): NameValue[] {
  const request = (ws as unknown as { _req?: ClientRequest | null })._req
  if (!request || typeof request.getRawHeaderNames !== 'function') return fallback
  return request.getRawHeaderNames().map((name) => {
    const value = request.getHeader(name)
    return { name, value: Array.isArray(value) ? value.join(', ') : String(value ?? '') }
  })
}

function handshakeInfo(
  ws: WebSocket,
  upgrade: IncomingMessage | null,
  sent: NameValue[],
  durationMs: number,
): HandshakeInfo {
  return {
    url: ws.url,
    status: upgrade?.statusCode ?? 101,
    statusText: upgrade?.statusMessage ?? 'Switching Protocols',
    requestHeaders: sent,
    responseHeaders: upgrade ? pairsFromRaw(upgrade.rawHeaders) : [],
    subprotocol: ws.protocol || null,
    extensions: ws.extensions || null,
    compression: null,
    durationMs,
  }
}
