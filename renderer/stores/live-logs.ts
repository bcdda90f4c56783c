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

/** Events fetched per call when loading a recorded run. */
const RUN_PAGE = 5_000

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
  /** Tabs showing a recorded run: their buffers hold the whole run, whatever the row limit. */
  const runTabs = markRaw(new Set<TabId>())
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
    runTabs.delete(tabId)
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
      if (runTabs.has(tabId)) continue
      buffers.set(tabId, buffer.resized(capacity))
      revisions[tabId] = (revisions[tabId] ?? 0) + 1
    }
  }

  /**
   * Fills a tab's log with a recorded run, page by page, growing the buffer to hold all of it.
   * `onProgress` hears the rows loaded so far. Stops quietly if the tab is closed meanwhile.
   */
  async function loadRun(
    tabId: TabId,
    runId: number,
    onProgress: (rows: number) => void = () => {},
  ): Promise<void> {
    let buffer = new LogBuffer(settings.logCapacity)
    buffers.set(tabId, buffer)
    runTabs.add(tabId)
    revisions[tabId] = (revisions[tabId] ?? 0) + 1
    let afterSeq = 0
    for (;;) {
      const page = await api.getRunEvents(runId, afterSeq, RUN_PAGE)
      if (buffers.get(tabId) !== buffer) return
      const needed = buffer.size + page.events.length
      if (needed > buffer.capacity) {
        buffer = buffer.resized(Math.max(needed, buffer.capacity * 2))
        buffers.set(tabId, buffer)
      }
      buffer.append(page.events)
      revisions[tabId] = (revisions[tabId] ?? 0) + 1
      onProgress(buffer.size)
      if (page.nextAfterSeq === null) return
      afterSeq = page.nextAfterSeq
    }
  }

  /** The whole of a message that travelled as a preview. */
  function fullMessage(tabId: TabId, n: number, seq: number): Promise<StoredMessage> {
    const connectionId = bufferOf(tabId).connectionIdOf(n)
    if (connectionId === undefined)
      return Promise.reject(new Error('This row has no connection to ask'))
    return api.getMessage(connectionId, seq)
  }

  return {
    snapshots,
    revisions,
    bufferOf,
    bind,
    clear,
    forget,
    setCapacity,
    loadRun,
    fullMessage,
  }
})
