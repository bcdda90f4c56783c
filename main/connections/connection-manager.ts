import {
  ApiError,
  type ConnectionId,
  type ConnectionRequest,
  type ConnectionSnapshot,
  type OutgoingMessage,
  type StoredMessage,
} from '#common/contract/index.ts'
import { resolveTarget } from '#common/contract/connection-request.ts'
import { checkCloseFrame } from '#common/contract/close-frame.ts'
import { LiveConnection, type JournalFactory } from './live-connection.ts'
import type { ConnectionDriver, DriverContext } from './driver.ts'
import { systemClock, systemNetwork, type Clock, type Network } from './environment.ts'
import { DEFAULT_BATCHING, type BatchingOptions } from './event-batcher.ts'
import { encodeOutgoing } from './outgoing.ts'
import { requestHeaders } from './request-headers.ts'
import { startBrowserSseConnection } from './sse-browser-connection.ts'
import { MAX_SSE_BUFFER_CHARS, startSseConnection } from './sse-connection.ts'

import { startWsConnection } from './ws-connection.ts'

export interface ConnectionManagerOptions {
  /** Told of every state change, with the connection's new snapshot. */
  onSnapshot: (snapshot: ConnectionSnapshot) => void
  /**
   * Told of every batch of events for the live view (see batch-format.ts), ready to send; returns
   * false if no view is reading (then no acknowledgement is awaited). Default true.
   */
  onBatch: (batch: Uint8Array) => boolean | void
  clock?: Clock
  /** Sockets, fetch and EventSource (default: ws, undici, eventsource). */
  network?: Network
  random?: () => number
  batching?: Partial<BatchingOptions>
  /** Bytes of large messages kept whole per connection, for getMessage (default 64 MiB). */
  largeMessageBudgetBytes?: number
  /** SSE: the most characters of an unfinished line or event held (default 16 Mi). */
  sseMaxBufferChars?: number
  /** Where every connection's events are kept (none without it: a command-line client). */
  journal?: JournalFactory
}

export interface ConnectionManager {
  /**
   * Starts a connection, journaled from its first event: kept in session `keepIn`'s runs, or in
   * a scratch journal.
   */
  connect(request: ConnectionRequest, keepIn?: string | null): ConnectionSnapshot
  disconnect(id: ConnectionId, code?: number, reason?: string): void
  send(id: ConnectionId, message: OutgoingMessage): { seq: number; size: number }
  ping(id: ConnectionId, data?: string): { seq: number }
  list(): ConnectionSnapshot[]
  get(id: ConnectionId): ConnectionSnapshot
  getMessage(id: ConnectionId, seq: number): StoredMessage
  ack(id: ConnectionId, batch: number): void
  /** Closes the connection if needed and forgets it. */
  remove(id: ConnectionId): void
  /** Closes every connection (app shutdown). */
  closeAll(): void
}

interface Entry {
  live: LiveConnection
  driver: ConnectionDriver
}

/**
 * Owns every connection: starts the protocol driver a request asks for, keeps each one live (LiveConnection),
 * and routes the API's calls to them. A failing connection becomes state plus an event, never an
 * exception that escapes.
 */
export function createConnectionManager(options: ConnectionManagerOptions): ConnectionManager {
  const clock = options.clock ?? systemClock
  const random = options.random ?? Math.random
  const batching = { ...DEFAULT_BATCHING, ...options.batching }
  const entries = new Map<ConnectionId, Entry>()
  let nextId = 1

  function entry(id: ConnectionId): Entry {
    const found = entries.get(id)
    if (!found) throw new ApiError('NOT_FOUND', `There is no connection ${JSON.stringify(id)}`)
    return found
  }

  return {
    connect(request, keepIn = null) {
      const target = resolveTarget(request.url, request.protocol, request.query)
      const headers = requestHeaders(request)
      if (request.proxy !== undefined && !/^https?:\/\/[^/]/i.test(request.proxy)) {
        throw new ApiError(
          'INVALID_URL',
          `The proxy ${JSON.stringify(request.proxy)} must be an http:// or https:// URL`,
        )
      }
      const id = `c${nextId++}`
      const live = new LiveConnection(
        id,
        target.protocol,
        request,
        {
          clock,
          batching,
          largeMessageBudgetBytes: options.largeMessageBudgetBytes ?? 64 * 1024 * 1024,
          url: target.url,
          journal: options.journal,
          keepIn,
        },
        { snapshot: options.onSnapshot, batch: (batch) => options.onBatch(batch) !== false },
      )
      const context: DriverContext = {
        url: new URL(target.url),
        request,
        headers,
        report: live,
        network: options.network ?? systemNetwork,
        random,
        sseMaxBufferChars: options.sseMaxBufferChars ?? MAX_SSE_BUFFER_CHARS,
      }
      const driver =
        target.protocol === 'ws'
          ? startWsConnection(context)
          : request.sse?.mode === 'browser'
            ? startBrowserSseConnection(context)
            : startSseConnection(context)
      live.setSource(driver)
      entries.set(id, { live, driver })
      return live.snapshot()
    },

    disconnect(id, code, reason) {
      checkCloseFrame(code, reason)
      // Always the driver's to decide: a connection `closed` for a moment between a drop and its
      // reconnect must still end for good.
      entry(id).driver.close(code, reason)
    },

    send(id, message) {
      const { payload, binary } = encodeOutgoing(message)
      return { seq: entry(id).driver.send(payload, binary), size: payload.length }
    },

    ping(id, data = '') {
      return { seq: entry(id).driver.ping(Buffer.from(data)) }
    },

    list: () => [...entries.values()].map(({ live }) => live.snapshot()),

    get: (id) => entry(id).live.snapshot(),

    getMessage(id, seq) {
      const message = entry(id).live.storedMessage(seq)
      if (!message) {
        throw new ApiError(
          'NOT_FOUND',
          `Message ${seq} of ${id} is not held whole: only messages over 64 KiB are, and the oldest are let go`,
        )
      }
      return message
    },

    ack(id, batch) {
      entries.get(id)?.live.ack(batch)
    },

    remove(id) {
      entry(id).driver.close()
      entries.delete(id)
    },

    closeAll() {
      for (const { driver } of entries.values()) driver.close()
    },
  }
}
