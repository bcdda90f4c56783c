import { EventSource } from 'eventsource'
import { HttpsProxyAgent } from 'https-proxy-agent'
import { Agent, fetch, ProxyAgent, type Dispatcher } from 'undici'
import { WebSocket, type ClientOptions } from 'ws'
import { systemWallClock } from '#common/time/wall-clock.ts'

/** Time as the connection code sees it, passed in so tests and benchmarks control it. */
export interface Clock {
  /** Epoch milliseconds with sub-millisecond precision: when bytes arrived. */
  now(): number
  /** Milliseconds on a monotonic clock, for durations. */
  monotonicMs(): number
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
  /** Runs `callback` once the I/O already received has been handled (setImmediate). */
  afterIo(callback: () => void): void
}

export const systemClock: Clock = {
  now: systemWallClock,
  monotonicMs: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  afterIo: (callback) => setImmediate(callback),
}

/** TLS settings for a connection's sockets, as Node's `tls.connect` takes them. */
export interface TlsSettings {
  rejectUnauthorized: boolean
  ca?: string[]
  cert?: string
  key?: string
  pfx?: Buffer
  passphrase?: string
}

/**
 * The network the drivers use: sockets, fetch, its dispatcher and EventSource, passed in (as
 * `eventsource` takes `fetch`) so the drivers import no transport of their own.
 */
export interface Network {
  fetch: typeof fetch
  /** fetch's connection pool for one connection: its TLS, connect timeout and proxy. */
  createDispatcher(options: {
    tls: TlsSettings
    connectTimeoutMs: number
    proxy?: string
  }): Dispatcher
  createWebSocket(
    url: URL,
    protocols: string[],
    options: ClientOptions & { proxy?: string },
  ): WebSocket
  EventSource: typeof EventSource
}

export const systemNetwork: Network = {
  fetch,
  createDispatcher: ({ tls, connectTimeoutMs, proxy }) =>
    proxy
      ? new ProxyAgent({ uri: proxy, requestTls: tls })
      : new Agent({ connect: { ...tls, timeout: connectTimeoutMs } }),
  createWebSocket: (url, protocols, { proxy, ...options }) =>
    new WebSocket(url, protocols, {
      ...options,
      ...(proxy ? { agent: new HttpsProxyAgent(proxy) } : {}),
    }),
  EventSource,
}
