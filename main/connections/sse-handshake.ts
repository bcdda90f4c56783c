import type { HandshakeInfo, NameValue } from '#common/contract/index.ts'
import type { Response } from 'undici'
import type { DriverContext } from './driver.ts'
import { tlsOptions } from './request-headers.ts'
import type { Dispatcher } from 'undici'

/** The handshake of an SSE request: what was sent, and the response's status and headers. */
export function sseHandshake(
  response: Response,
  sent: NameValue[],
  durationMs: number,
): HandshakeInfo {
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

/** fetch's dispatcher for one SSE connection: TLS options, connect timeout, the proxy if set. */
export function sseDispatcher({ request, network }: DriverContext): Dispatcher {
  return network.createDispatcher({
    tls: tlsOptions(request.tls),
    connectTimeoutMs: request.handshakeTimeoutMs ?? 10_000,
    ...(request.proxy ? { proxy: request.proxy } : {}),
  })
}
