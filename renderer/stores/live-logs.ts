import { defineStore } from 'pinia'
import { markRaw, reactive, shallowReactive } from 'vue'
import type {
  ConnectionId,
  ConnectionSnapshot,
  MessageBatch,
  StoredMessage,
} from '#common/contract/index.ts'
import { useAppBridge } from '../bridge/injection.ts'
import { inSlices } from '../features/compare/in-slices.ts'
import { LogBuffer } from '../features/message-log/log-buffer.ts'
import type { LogRow } from '../features/message-log/log-row.ts'
import type { LogSource, LogSourceKind } from '../features/message-log/log-source.ts'
import { useSettingsStore } from './settings.ts'

/** A tab's id, or the key of another log the store holds (a side of a comparison). */
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

  /**
   * Fills a log with rows read from a file: all of them, whatever the row limit, appended in
   * slices so a million rows hold the page for no long task.
   */
  async function loadRows(key: TabId, rows: readonly LogRow[]): Promise<void> {
    const buffer = new LogBuffer(Math.max(1, rows.length))
    await inSlices(rows, (row) => buffer.append([row]))
    buffers.set(key, buffer)
    runTabs.add(key)
    revisions[key] = (revisions[key] ?? 0) + 1
  }

  /** The whole of a message that travelled as a preview. */
  function fullMessage(tabId: TabId, n: number): Promise<StoredMessage> {
    const buffer = bufferOf(tabId)
    const row = buffer.row(n)
    if (row?.type !== 'message') return Promise.reject(new Error('This row is not a message'))
    const connectionId = buffer.connectionIdOf(n)
    if (connectionId === undefined) {
      // A recorded or imported message is stored whole.
      const { seq, kind, direction, size, data, base64 } = row
      return Promise.resolve({ seq, kind, direction, size, data, base64 })
    }
    return api.getMessage(connectionId, row.seq)
  }

  /**
   * The log `key` as a source for the log view. It reads the store's buffer on every call, so it
   * stays right when the buffer is resized or a run is loaded into it.
   */
  function source(key: TabId, kind: LogSourceKind): LogSource {
    return markRaw({
      kind,
      get revision() {
        return revisions[key] ?? 0
      },
      get first() {
        return bufferOf(key).first
      },
      get total() {
        return bufferOf(key).total
      },
      get size() {
        return bufferOf(key).size
      },
      get dropped() {
        return runTabs.has(key) ? 0 : bufferOf(key).dropped
      },
      row: (n: number) => bufferOf(key).row(n),
      connectTsOf: (n: number) => bufferOf(key).connectTsOf(n),
      rows: () => bufferOf(key).rows(),
      fullMessage: (n: number) => fullMessage(key, n),
      ...(kind === 'live' ? { clear: () => clear(key) } : {}),
    })
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
    loadRows,
    source,
  }
})
