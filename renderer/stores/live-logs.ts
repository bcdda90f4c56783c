import { defineStore } from 'pinia'
import { markRaw, reactive, shallowReactive } from 'vue'
import { eventsOf, readBatch, type BatchView } from '#common/batch/index.ts'
import type {
  ConnectionId,
  ConnectionSnapshot,
  RunSummary,
  StoredMessage,
} from '#common/contract/index.ts'
import { useAppBridge } from '../bridge/injection.ts'
import { Slices } from '../scheduling.ts'
import { createBatchIntake } from '../features/message-log/batch-intake.ts'
import { LogBuffer } from '../features/message-log/log-buffer.ts'
import { createSegmentSupply } from '../features/message-log/segment-supply.ts'
import type { LogRow } from '../features/message-log/log-row.ts'
import type { LogSource, LogSourceKind } from '../features/message-log/log-source.ts'
import { liveSource } from '../features/message-log/journal-source.ts'
import { bufferSource } from '../features/message-log/buffer-source.ts'
import {
  createJournalSearches,
  createTabJournals,
  isJournalKey,
  readJournals,
} from './tab-journals.ts'
import { useToastStore } from './toasts.ts'
import { useSettingsStore } from './settings.ts'

/** A tab's id, or the key of another log the store holds (a side of a comparison). */
export type TabId = string

/** Events fetched per call when loading a recorded run. */
const RUN_PAGE = 5_000
/** How often the connections' counters are brought up to date: a few times a second is readable. */
const STATS_INTERVAL_MS = 250
/** How long after the last throttled batch a connection still shows "throttling the server". */
const THROTTLE_SHOWN_MS = 1_000

/**
 * Every tab's live log and every connection's latest snapshot. The logs themselves are columnar
 * ring buffers kept out of reactivity; `revisions` is what the view watches, bumped at most once
 * per animation frame however many batches arrived. Batches are taken in at the start of each
 * frame within a budget, and acknowledged then (see batch-intake.ts).
 */
export const useLiveLogStore = defineStore('liveLogs', () => {
  const { api } = useAppBridge()
  const settings = useSettingsStore()
  const toasts = useToastStore()
  const snapshots = shallowReactive(new Map<ConnectionId, ConnectionSnapshot>())
  const revisions = reactive<Record<TabId, number>>({})
  const buffers = markRaw(new Map<TabId, LogBuffer>())
  /** Tabs showing a recorded run: their buffers hold the whole run, whatever the row limit. */
  const runTabs = markRaw(new Set<TabId>())
  const routes = markRaw(new Map<ConnectionId, TabId>())
  const sources = markRaw(new Map<string, { buffer: LogBuffer; source: LogSource }>())
  /** Per live tab: the journals behind the rows its buffer holds (see journal-source.ts). */
  const journals = markRaw(
    createTabJournals({
      fetch: (runId, afterSeq, limit) => api.getRunEvents(runId, afterSeq, limit),
      loaded: (tabId) => (revisions[tabId] = (revisions[tabId] ?? 0) + 1),
      failed: (error) => toasts.error('Could not read older rows from the kept log', error),
    }),
  )
  /** Per connection: its rows up to this seq came from its journal, not to be shown twice. */
  const shownThrough = markRaw(new Map<ConnectionId, number>())
  /** Batches of connections not yet bound to a tab (they can beat connect()'s answer). */
  const unrouted = markRaw(new Map<ConnectionId, BatchView[]>())
  const dirty = markRaw(new Set<TabId>())
  /** The newest totals of each connection, applied to its snapshot a few times a second. */
  const latestStats = markRaw(new Map<ConnectionId, BatchView['stats']>())
  /** When each connection last said the app was throttling its server for this view. */
  const throttledAt = reactive(new Map<ConnectionId, number>())
  /** The memory the logs' bytes grow into, made ready off this thread (see segment-supply.ts). */
  const segments = markRaw(
    createSegmentSupply(
      () =>
        new Worker(new URL('../features/message-log/segment.worker.ts', import.meta.url), {
          type: 'module',
        }),
    ),
  )
  const newLog = (capacity: number): LogBuffer => new LogBuffer(capacity, { segments })
  let skipDraw = false
  let statsTimer: ReturnType<typeof setTimeout> | null = null

  const intake = createBatchIntake({
    apply(batch) {
      const tabId = routes.get(batch.connectionId)
      if (tabId !== undefined) {
        apply(tabId, batch)
        return
      }
      const waiting = unrouted.get(batch.connectionId) ?? []
      waiting.push(batch)
      unrouted.set(batch.connectionId, waiting)
    },
    // A failed ack needs nothing: an unacknowledged batch stops counting after a few seconds.
    ack: (connectionId, batch) => void api.ackMessages(connectionId, batch).catch(() => {}),
    drained(busy) {
      // Under a firehose the rows move too fast to read: drawn every other frame (the next one
      // for sure), which leaves the page time for taking them in and for input.
      if (busy && (skipDraw = !skipDraw)) requestAnimationFrame(draw)
      else draw()
    },
    requestFrame: (callback) => requestAnimationFrame(callback),
    now: () => performance.now(),
    hidden: () => document.visibilityState === 'hidden',
  })

  const journalSearches = createJournalSearches(api, (error) =>
    toasts.error('Could not search the kept log', error),
  )
  api.on('connection', (snapshot) => snapshots.set(snapshot.id, snapshot))
  api.on('messages', (bytes) => intake.push(readBatch(bytes)))

  function bufferOf(tabId: TabId): LogBuffer {
    let buffer = buffers.get(tabId)
    if (!buffer) {
      buffer = newLog(settings.logCapacity)
      buffers.set(tabId, buffer)
      revisions[tabId] = 0
    }
    return buffer
  }

  /** Lets the views draw the rows taken in. */
  function draw(): void {
    for (const dirtyTab of dirty) revisions[dirtyTab] = (revisions[dirtyTab] ?? 0) + 1
    dirty.clear()
  }

  function apply(tabId: TabId, batch: BatchView): void {
    const lastSeq = Math.max(
      batch.count > 0 ? batch.seq[batch.count - 1]! : 0,
      batch.events.at(-1)?.seq ?? 0,
    )
    if (lastSeq > 0) journals.seen(batch.connectionId, lastSeq)
    const through = shownThrough.get(batch.connectionId)
    if (through === undefined) bufferOf(tabId).appendBatch(batch, batch.connectionId)
    else {
      const events = eventsOf(batch).filter((event) => event.seq > through)
      bufferOf(tabId).append(events, batch.connectionId)
      if (events.length > 0) shownThrough.delete(batch.connectionId)
    }
    dirty.add(tabId)
    latestStats.set(batch.connectionId, batch.stats)
    if (batch.throttled) throttledAt.set(batch.connectionId, performance.now())
    statsTimer ??= setTimeout(applyStats, STATS_INTERVAL_MS)
  }

  function applyStats(): void {
    statsTimer = null
    for (const [connectionId, stats] of latestStats) {
      const snapshot = snapshots.get(connectionId)
      if (snapshot) snapshots.set(connectionId, { ...snapshot, stats })
    }
    latestStats.clear()
    const now = performance.now()
    for (const [connectionId, at] of throttledAt)
      if (now - at > THROTTLE_SHOWN_MS) throttledAt.delete(connectionId)
    if (throttledAt.size > 0) statsTimer = setTimeout(applyStats, STATS_INTERVAL_MS)
  }

  /** True while the app is holding back a connection's server for this view to catch up. */
  function throttling(connectionId: ConnectionId): boolean {
    return throttledAt.has(connectionId)
  }

  /**
   * Sends a connection's events to a tab's log from now on; `after`: its rows up to that seq are
   * in the log already (read from its journal).
   */
  function bind(connectionId: ConnectionId, tabId: TabId, after?: number): void {
    routes.set(connectionId, tabId)
    const runId = snapshots.get(connectionId)?.journal?.runId
    if (runId != null) journals.joined(tabId, connectionId, runId)
    if (after !== undefined) shownThrough.set(connectionId, after)
    for (const batch of unrouted.get(connectionId) ?? []) apply(tabId, batch)
    unrouted.delete(connectionId)
    revisions[tabId] = (revisions[tabId] ?? 0) + 1
  }

  function clear(tabId: TabId): void {
    bufferOf(tabId).clear()
    journals.cleared(tabId)
    revisions[tabId] = (revisions[tabId] ?? 0) + 1
  }

  function forget(tabId: TabId, connectionIds: readonly ConnectionId[]): void {
    buffers.delete(tabId)
    journals.forget(tabId, connectionIds)
    for (const kind of ['live', 'run', 'file'] as const) sources.delete(`${kind}:${tabId}`)
    runTabs.delete(tabId)
    Reflect.deleteProperty(revisions, tabId)
    for (const id of connectionIds) {
      routes.delete(id)
      snapshots.delete(id)
      shownThrough.delete(id)
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
    let buffer = newLog(settings.logCapacity)
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
   * Brings back a connection tab's log from the journals of its connections (`runs`, oldest
   * first) after a reload or a restart: their newest rows, as many as the row limit holds. Then
   * `live`, a connection the app still holds, goes on from where its journal ended. Where a
   * connection was cut off by the app going away (its journal does not end with a close), a
   * marker row says so; true if the last one was. Stops quietly if the tab is closed meanwhile.
   */
  async function restoreJournals(
    tabId: TabId,
    runs: readonly RunSummary[],
    live: { connectionId: ConnectionId; runId: number } | null,
    clearedAt = 0,
  ): Promise<boolean> {
    const buffer = newLog(settings.logCapacity)
    buffers.set(tabId, buffer)
    revisions[tabId] = (revisions[tabId] ?? 0) + 1
    const read = await readJournals(
      buffer,
      runs,
      live,
      clearedAt,
      (runId, afterSeq) => api.getRunEvents(runId, afterSeq, RUN_PAGE),
      () => buffers.get(tabId) === buffer,
    )
    if (read === null) return false
    const liveThrough = read.liveThrough
    journals.restored(tabId, runs, live && { ...live, through: liveThrough }, clearedAt)
    if (live) bind(live.connectionId, tabId, liveThrough)
    revisions[tabId] = (revisions[tabId] ?? 0) + 1
    return read.cut
  }

  /**
   * Fills a log with rows read from a file, batch by batch as they are read: all of them (at most
   * `capacity`, whatever the row limit), the page painting between slices. Each batch's objects
   * die young: a million kept until the end were a major GC of 0.4 s later, while scrolling.
   */
  async function loadRows(
    key: TabId,
    batches: AsyncIterable<readonly LogRow[]>,
    capacity: number,
  ): Promise<void> {
    const buffer = newLog(capacity)
    const slices = new Slices()
    for await (const batch of batches) {
      buffer.append(batch)
      if (slices.spent) await slices.next()
    }
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
    if (connectionId === undefined || isJournalKey(connectionId)) {
      // A recorded or imported message is stored whole.
      const { seq, kind, direction, size, data, base64 } = row
      return Promise.resolve({ seq, kind, direction, size, data, base64 })
    }
    return api.getMessage(connectionId, row.seq)
  }

  /**
   * The log `key` as a source for the log view: the same object while the same buffer holds the
   * log, a new one once another does (resized, a run loaded): a view rebuilds for a new source,
   * whose rows are numbered anew.
   */
  function source(key: TabId, kind: LogSourceKind): LogSource {
    const cacheKey = `${kind}:${key}`
    const buffer = bufferOf(key)
    let made = sources.get(cacheKey)
    if (made?.buffer !== buffer)
      sources.set(cacheKey, (made = { buffer, source: makeSource(key, kind) }))
    return made.source
  }

  function makeSource(key: TabId, kind: LogSourceKind): LogSource {
    if (kind === 'live')
      return markRaw(
        liveSource({
          revision: () => revisions[key] ?? 0,
          buffer: () => bufferOf(key),
          journal: () => journals.get(key),
          fullMessage: (n) => fullMessage(key, n),
          fetch: (runId, afterSeq, limit) => api.getRunEvents(runId, afterSeq, limit),
          searchJournal: (...args) => journalSearches.start(...args),
          countJournal: (...args) => journalSearches.count(...args),
          clear: () => clear(key),
        }),
      )
    return markRaw(
      bufferSource(kind, {
        revision: () => revisions[key] ?? 0,
        buffer: () => bufferOf(key),
        drops: () => !runTabs.has(key),
        fullMessage: (n) => fullMessage(key, n),
      }),
    )
  }

  return {
    snapshots,
    revisions,
    throttling,
    bufferOf,
    bind,
    clear,
    forget,
    setCapacity,
    loadRun,
    restoreJournals,
    loadRows,
    source,
  }
})
