import { defineStore } from 'pinia'
import { markRaw, reactive, shallowReactive } from 'vue'
import type {
  ConnectionId,
  ConnectionSnapshot,
  MessageBatch,
  StoredMessage,
} from '#common/contract/index.ts'
import { useAppBridge } from '../bridge/injection.ts'
import { LogBuffer } from '../features/message-log/log-buffer.ts'
import type { LogRow } from '../features/message-log/log-row.ts'
import { useSettingsStore } from './settings.ts'

export type TabId = string

/**
 * Every tab's live log and every connection's latest snapshot. The logs themselves are plain ring
 * buffers kept out of reactivity; `revisions` is what the view watches, bumped at most once per
 * animation frame however many batches arrived.
 */
export const useLiveLogStore = defineStore('liveLogs', () => {
  const { api } = useAppBridge()
  const settings = useSettingsStore()
  const snapshots = shallowReactive(new Map<ConnectionId, ConnectionSnapshot>())
  const revisions = reactive<Record<TabId, number>>({})
  const buffers = markRaw(new Map<TabId, LogBuffer>())
  const routes = markRaw(new Map<ConnectionId, TabId>())
  /** Batches of connections not yet bound to a tab (they can beat connect()'s answer). */
  const unrouted = markRaw(new Map<ConnectionId, MessageBatch[]>())
  const dirty = markRaw(new Set<TabId>())
  /** The newest totals of each connection, applied to its snapshot once per frame. */
  const latestStats = markRaw(new Map<ConnectionId, MessageBatch['stats']>())
  let frame: number | null = null

  api.on('connection', (snapshot) => snapshots.set(snapshot.id, snapshot))
  api.on('messages', (batch) => {
    const tabId = routes.get(batch.connectionId)
    if (tabId === undefined) {
      const waiting = unrouted.get(batch.connectionId) ?? []
      waiting.push(batch)
      unrouted.set(batch.connectionId, waiting)
    } else {
      apply(tabId, batch)
    }
    // Acknowledged once taken in: the app keeps streaming while the view keeps up.
    void api.ackMessages(batch.connectionId, batch.batch).catch(() => {})
  })

  function bufferOf(tabId: TabId): LogBuffer {
    let buffer = buffers.get(tabId)
    if (!buffer) {
      buffer = new LogBuffer(settings.logCapacity)
      buffers.set(tabId, buffer)
      revisions[tabId] = 0
    }
    return buffer
  }

  function apply(tabId: TabId, batch: MessageBatch): void {
    const rows: LogRow[] =
      batch.skipped > 0
        ? [{ type: 'skipped', ts: batch.events[0]?.ts ?? Date.now(), count: batch.skipped }]
        : []
    bufferOf(tabId).append(
      rows.length > 0 ? [...rows, ...batch.events] : batch.events,
      batch.connectionId,
    )
    dirty.add(tabId)
    latestStats.set(batch.connectionId, batch.stats)
    frame ??= requestAnimationFrame(() => {
      frame = null
      for (const dirtyTab of dirty) revisions[dirtyTab] = (revisions[dirtyTab] ?? 0) + 1
      dirty.clear()
      for (const [connectionId, stats] of latestStats) {
        const snapshot = snapshots.get(connectionId)
        if (snapshot) snapshots.set(connectionId, { ...snapshot, stats })
      }
      latestStats.clear()
    })
  }

  /** Sends a connection's events to a tab's log from now on. */
  function bind(connectionId: ConnectionId, tabId: TabId): void {
    routes.set(connectionId, tabId)
    for (const batch of unrouted.get(connectionId) ?? []) apply(tabId, batch)
    unrouted.delete(connectionId)
  }

  function clear(tabId: TabId): void {
    bufferOf(tabId).clear()
    revisions[tabId] = (revisions[tabId] ?? 0) + 1
  }

  function forget(tabId: TabId, connectionIds: readonly ConnectionId[]): void {
    buffers.delete(tabId)
    Reflect.deleteProperty(revisions, tabId)
    for (const id of connectionIds) {
      routes.delete(id)
      snapshots.delete(id)
    }
  }

  /** Applies a new row capacity to every log, keeping the newest rows. */
  function setCapacity(capacity: number): void {
    settings.logCapacity = capacity
    for (const [tabId, buffer] of buffers) {
      buffers.set(tabId, buffer.resized(capacity))
      revisions[tabId] = (revisions[tabId] ?? 0) + 1
    }
  }

  /** The whole of a message that travelled as a preview. */
  function fullMessage(tabId: TabId, n: number, seq: number): Promise<StoredMessage> {
    const connectionId = bufferOf(tabId).connectionIdOf(n)
    if (connectionId === undefined)
      return Promise.reject(new Error('This row has no connection to ask'))
    return api.getMessage(connectionId, seq)
  }

  return { snapshots, revisions, bufferOf, bind, clear, forget, setCapacity, fullMessage }
})
