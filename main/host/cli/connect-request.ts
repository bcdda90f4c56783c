import { inferProtocol } from '#common/contract/connection-request.ts'
import {
  SSE_METHODS,
  type ConnectionRequest,
  type RequestHeader,
  type SseMethod,
} from '#common/contract/index.ts'
import { UsageError } from './command.ts'

/** The request `connect`'s flags describe; a mistake in them is a UsageError. */
export function connectRequest(
  url: string,
  values: Record<string, unknown>,
): ConnectionRequest & { protocol: 'ws' | 'sse' } {
  const headers: RequestHeader[] = ((values.header as string[] | undefined) ?? []).map((header) => {
    const colon = header.indexOf(':')
    if (colon <= 0) throw new UsageError(`-H takes 'Name: value', got ${JSON.stringify(header)}`)
    return { name: header.slice(0, colon).trim(), value: header.slice(colon + 1).trim() }
  })
  const method = typeof values.method === 'string' ? values.method.toUpperCase() : undefined
  if (method !== undefined && !(SSE_METHODS as readonly string[]).includes(method)) {
    throw new UsageError(
      `--method must be one of ${SSE_METHODS.join(', ')}, got ${JSON.stringify(values.method)}`,
    )
  }
  // An unknown scheme is left to the connection, whose sentence says what is supported.
  const protocol = inferProtocol(url) ?? 'ws'
  const contentType = headers.find(({ name }) => name.toLowerCase() === 'content-type')?.value
  const sse = {
    ...(method ? { method: method as SseMethod } : {}),
    ...(typeof values.data === 'string'
      ? { body: values.data, method: (method ?? 'POST') as SseMethod }
      : {}),
    ...(contentType ? { contentType } : {}),
    ...(typeof values['last-event-id'] === 'string'
      ? { lastEventId: values['last-event-id'] }
      : {}),
    ...(values.reconnect !== undefined ? { reconnect: values.reconnect === true } : {}),
  }
  return {
    url,
    protocol,
    headers: headers.filter(
      ({ name }) => protocol === 'ws' || name.toLowerCase() !== 'content-type',
    ),
    handshakeTimeoutMs: positiveInt(values.timeout, '--timeout') * 1000,
    ...(values.insecure === true ? { tls: { rejectUnauthorized: false } } : {}),
    ...(protocol === 'ws'
      ? { ws: { subprotocols: (values.protocol as string[] | undefined) ?? [] } }
      : { sse }),
  }
}

export function positiveInt(value: unknown, flag: string): number {
  const number = Number(value)
  if (!Number.isInteger(number) || number < 1)
    throw new UsageError(
      `${flag} must be a whole number of at least 1, got ${JSON.stringify(value)}`,
    )
  return number
}

/** A number of seconds (fractions allowed), at least 0. */
export function seconds(value: unknown, flag: string): number {
  const number = Number(value)
  if (!Number.isFinite(number) || number < 0)
    throw new UsageError(`${flag} must be a number of seconds, got ${JSON.stringify(value)}`)
  return number
}
