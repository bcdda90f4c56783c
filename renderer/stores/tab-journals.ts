import type {
  ConnectionEvent,
  ConnectionId,
  JournalCountEvent,
  JournalFilter,
  JournalQuery,
  JournalRange,
  JournalSearchEvent,
  RunEventsPage,
  RunSummary,
} from '#common/contract/index.ts'
import type { ApiClient } from '#common/rpc/index.ts'
import type { LogBuffer } from '../features/message-log/log-buffer.ts'
import { JournalPages } from '../features/message-log/journal-pages.ts'
import type { TabJournal } from '../features/message-log/journal-source.ts'

type TabId = string

/** The connection key of rows read back from run N's journal (no connection holds them). */
const JOURNAL_KEY = 'journal:'

export const journalKey = (runId: number): string => `${JOURNAL_KEY}${runId}`
export const isJournalKey = (key: string): boolean => key.startsWith(JOURNAL_KEY)

/**
 * Which journals each live tab's log is made of, in order, and where each held row sits in them:
 * the bookkeeping behind journal-source.ts. A row is placed by its connection (or journal) key
 * and its seq; a journal's rows are counted once its connection has ended.
 */
export function createTabJournals(deps: {
  fetch: (runId: number, afterSeq: number, limit: number) => Promise<RunEventsPage>
  loaded: (tabId: TabId) => void
  failed: (error: unknown) => void
}) {
  const journals = new Map<TabId, TabJournal>()
  const runOfConnection = new Map<ConnectionId, number>()
  const lastSeqSeen = new Map<ConnectionId, number>()

  function journalOf(tabId: TabId): TabJournal {
    let journal = journals.get(tabId)
    if (!journal) {
      journal = {
        pages: new JournalPages(deps.fetch, () => deps.loaded(tabId), deps.failed),
        clearedAt: 0,
        runOf: (key) =>
          key === undefined
            ? null
            : isJournalKey(key)
              ? Number(key.slice(JOURNAL_KEY.length))
              : (runOfConnection.get(key) ?? null),
      }
      journals.set(tabId, journal)
    }
    return journal
  }

  /** The last seq of a run the tab took in (its journal's row count once it has ended). */
  function lastSeqOfRun(runId: number): number {
    for (const [connectionId, run] of runOfConnection)
      if (run === runId) return lastSeqSeen.get(connectionId) ?? 0
    return 0
  }

  return {
    get: (tabId: TabId): TabJournal | undefined => journals.get(tabId),

    /** Rows of `connectionId` up to `seq` were taken in. */
    seen(connectionId: ConnectionId, seq: number): void {
      lastSeqSeen.set(connectionId, seq)
    },

    /** Connection `connectionId`, kept in run `runId`, shows in the tab from now on. */
    joined(tabId: TabId, connectionId: ConnectionId, runId: number): void {
      runOfConnection.set(connectionId, runId)
      const { pages } = journalOf(tabId)
      // The connection before it has ended: its journal's rows are those the tab took in.
      const previous = pages.segments.at(-1)
      if (previous?.rows === null && previous.runId !== runId)
        pages.ended(previous.runId, lastSeqOfRun(previous.runId))
      pages.add(runId)
    },

    /** The tab's log was brought back from `runs`; `live` goes on from its `through`. */
    restored(
      tabId: TabId,
      runs: readonly RunSummary[],
      live: { connectionId: ConnectionId; runId: number; through: number } | null,
      clearedAt: number,
    ): void {
      if (runs.length === 0) return
      const journal = journalOf(tabId)
      journal.clearedAt = clearedAt
      const { pages } = journal
      for (const run of runs) {
        pages.add(run.id)
        if (run.id !== live?.runId) pages.ended(run.id, run.lastSeq)
      }
      if (live) {
        runOfConnection.set(live.connectionId, live.runId)
        lastSeqSeen.set(live.connectionId, live.through)
      }
    },

    /** The tab's log was cleared: the journals' rows so far stay out of the view too. */
    cleared(tabId: TabId): void {
      const journal = journals.get(tabId)
      const last = journal?.pages.segments.at(-1)
      if (!journal || !last) return
      const rows = last.rows ?? lastSeqOfRun(last.runId)
      journal.clearedAt = (journal.pages.positionOf(last.runId, rows) ?? -1) + 1
    },

    forget(tabId: TabId, connectionIds: readonly ConnectionId[]): void {
      journals.delete(tabId)
      for (const id of connectionIds) {
        runOfConnection.delete(id)
        lastSeqSeen.delete(id)
      }
    },
  }
}

/**
 * Reads a tab's journals (`runs`, oldest first) into `buffer`: their newest rows, as many as it
 * holds, the rows of `live` with its connection id, the others with their journal's key. Where a
 * connection was cut off by the app going away (its journal does not end with a close), a marker
 * row says so. Returns the last seq read of `live`, and whether the last run was cut off; null if
 * `wanted` says to stop (the tab was closed meanwhile).
 */
export async function readJournals(
  buffer: LogBuffer,
  runs: readonly RunSummary[],
  live: { connectionId: ConnectionId; runId: number } | null,
  clearedAt: number,
  fetch: (runId: number, afterSeq: number) => Promise<RunEventsPage>,
  wanted: () => boolean,
): Promise<{ liveThrough: number; cut: boolean } | null> {
  let room = buffer.capacity
  // Where each run starts in the journals: rows before `clearedAt` were cleared, and stay so.
  let start = 0
  const cleared = runs.map((run) => {
    const before = Math.min(run.lastSeq, Math.max(0, clearedAt - start))
    start += run.lastSeq
    return before
  })
  const takes = runs
    .map((run, i) => ({ run, cleared: cleared[i]! }))
    .toReversed()
    .map(({ run, cleared: gone }) => {
      const take = Math.min(room, run.lastSeq - gone)
      room -= take
      return { run, afterSeq: run.lastSeq - take, gone }
    })
    .toReversed()
  let liveThrough = 0
  let before = 0
  let cut = false
  for (const { run, afterSeq: from, gone } of takes) {
    const isLive = run.id === live?.runId
    before += run.lastSeq
    // A run's last event is read even when the limit leaves it no room (it tells whether its
    // connection was cut off), unless it was cleared.
    let afterSeq: number | null =
      isLive || gone === run.lastSeq ? from : Math.min(from, run.lastSeq - 1)
    let last: ConnectionEvent | undefined
    while (afterSeq !== null) {
      const page = await fetch(run.id, Math.max(0, afterSeq))
      if (!wanted()) return null
      buffer.append(page.events, isLive ? live.connectionId : journalKey(run.id))
      last = page.events.at(-1) ?? last
      afterSeq = page.nextAfterSeq
    }
    if (isLive) liveThrough = last?.seq ?? from
    cut = !isLive && last !== undefined && last.type !== 'close'
    if (cut) buffer.append([{ type: 'restarted', ts: last!.ts, count: before }])
  }
  return { liveThrough, cut }
}

/**
 * Journal searches in the host (AppApi.searchJournal), each heard back by its id: the hits of a
 * `journalSearch` event go to the search that asked, until one says done.
 */
export function createJournalSearches(api: ApiClient, failed: (error: unknown) => void) {
  const listeners = new Map<string, (event: JournalSearchEvent) => void>()
  let next = 0
  api.on('journalSearch', (event) => listeners.get(event.searchId)?.(event))
  const counts = new Map<string, (event: JournalCountEvent) => void>()
  api.on('journalCount', (event) => counts.get(event.countId)?.(event))
  return {
    /** Counts the rows of `ranges` that `filter` lets through; returns what stops it. */
    count(
      ranges: JournalRange[],
      filter: JournalFilter,
      onCount: (count: Omit<JournalCountEvent, 'countId'>) => void,
    ): () => void {
      const countId = `n${++next}`
      counts.set(countId, (event) => {
        onCount(event)
        if (event.done) counts.delete(countId)
      })
      api.countJournal(countId, ranges, filter).catch((error: unknown) => {
        counts.delete(countId)
        failed(error)
      })
      return () => {
        if (!counts.delete(countId)) return
        // Expected to fail only when the link to the host is gone, and the count with it.
        void api.cancelJournalSearch(countId).catch(() => {})
      }
    },

    start(
      ranges: JournalRange[],
      query: JournalQuery,
      onHits: (hits: readonly number[]) => void,
      onDone: () => void,
    ): () => void {
      const searchId = `s${++next}`
      const stop = (): void => {
        if (!listeners.delete(searchId)) return
        // Expected to fail only when the link to the host is gone, and the search with it.
        void api.cancelJournalSearch(searchId).catch(() => {})
      }
      listeners.set(searchId, (event) => {
        if (event.hits.length > 0) onHits(event.hits)
        if (event.done) {
          listeners.delete(searchId)
          onDone()
        }
      })
      api.searchJournal(searchId, ranges, query).catch((error: unknown) => {
        listeners.delete(searchId)
        failed(error)
        onDone()
      })
      return stop
    },
  }
}
