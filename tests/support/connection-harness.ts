import { vi } from 'vitest'
import { eventsOf, readBatch, type BatchView } from '#common/batch/index.ts'
import type { ConnectionEvent, ConnectionSnapshot } from '#common/contract/index.ts'

import {
  createConnectionManager,
  type ConnectionManager,
  type ConnectionManagerOptions,
} from '../../main/connections/connection-manager.ts'

/**
 * A real ConnectionManager whose events are decoded and kept per connection, the way the view
 * would take them (acknowledging each batch unless told not to).
 */
export class ConnectionHarness {
  readonly manager: ConnectionManager
  readonly events = new Map<string, ConnectionEvent[]>()
  readonly batches: BatchView[] = []
  readonly snapshots: ConnectionSnapshot[] = []
  autoAck = true

  constructor(options: Partial<ConnectionManagerOptions> = {}) {
    this.manager = createConnectionManager({
      ...options,
      onSnapshot: (snapshot) => this.snapshots.push(snapshot),
      onBatch: (bytes) => {
        const batch = readBatch(bytes)
        this.batches.push(batch)
        const list = this.events.get(batch.connectionId) ?? []
        list.push(...eventsOf(batch))
        this.events.set(batch.connectionId, list)
        if (this.autoAck) this.manager.ack(batch.connectionId, batch.batch)
      },
    })
  }

  of(id: string): ConnectionEvent[] {
    return this.events.get(id) ?? []
  }

  messages(id: string, direction?: 'in' | 'out'): Extract<ConnectionEvent, { type: 'message' }>[] {
    return this.of(id).filter(
      (event): event is Extract<ConnectionEvent, { type: 'message' }> =>
        event.type === 'message' && (direction === undefined || event.direction === direction),
    )
  }

  /** Waits until the connection's events include one matching `predicate`, and returns it. */
  async waitForEvent<T extends ConnectionEvent>(
    id: string,
    predicate: (event: ConnectionEvent) => event is T,
    timeout?: number,
  ): Promise<T>
  async waitForEvent(
    id: string,
    predicate: (event: ConnectionEvent) => boolean,
    timeout?: number,
  ): Promise<ConnectionEvent>
  async waitForEvent(
    id: string,
    predicate: (event: ConnectionEvent) => boolean,
    timeout = 5_000,
  ): Promise<ConnectionEvent> {
    return vi.waitFor(
      () => {
        const found = this.of(id).find(predicate)
        if (!found)
          throw new Error(
            `No matching event on ${id} yet: ${this.of(id)
              .map((event) => event.type)
              .join(', ')}`,
          )
        return found
      },
      { timeout, interval: 10 },
    )
  }

  waitForState(
    id: string,
    state: ConnectionSnapshot['state'],
    timeout = 5_000,
  ): Promise<ConnectionSnapshot> {
    return vi.waitFor(
      () => {
        const snapshot = this.manager.get(id)
        if (snapshot.state !== state) throw new Error(`${id} is ${snapshot.state}, not ${state}`)
        return snapshot
      },
      { timeout, interval: 10 },
    )
  }

  close(): void {
    this.manager.closeAll()
  }
}

export const isType =
  <T extends ConnectionEvent['type']>(type: T) =>
  (event: ConnectionEvent): event is Extract<ConnectionEvent, { type: T }> =>
    event.type === type
