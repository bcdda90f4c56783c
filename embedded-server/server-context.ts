import type { ClientRegistry } from './client-registry.ts'
import type { Feed } from './feed.ts'

export interface DemoServerLimits {
  /** SSE responses and WebSockets at once; past it, 503. */
  maxClients: number
  /** Largest message a WebSocket client may send; past it, close code 1009. */
  maxPayloadBytes: number
  /** Unsent output per client beyond which a slow consumer is dropped. */
  maxBufferedBytes: number
  /** A comment on every SSE stream this often, so proxies keep it open. */
  heartbeatMs: number
}

/** What every endpoint handler shares. */
export interface DemoServerContext {
  options: DemoServerLimits
  clients: ClientRegistry
  feed: Feed
  /** A handler or generator failed: its client is ended, the server and its host go on. */
  reportFailure(where: string, error: unknown): void
}
