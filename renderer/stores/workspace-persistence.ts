import { watch, type Ref } from 'vue'
import {
  ApiError,
  type ConnectionId,
  type ConnectionSnapshot,
  type WorkspaceState,
  type WorkspaceTabState,
} from '#common/contract/index.ts'
import type { ApiClient } from '#common/rpc/index.ts'
import { parseLogViewState } from '../features/message-log/log-view-state.ts'
import { persistedSavedText, restoredSavedText } from '../features/workspace/tab-state.ts'
import {
  newConnectionTab,
  type TabId,
  type WorkspaceTab,
} from '../features/workspace/workspace-tab.ts'
import type { useLiveLogStore } from './live-logs.ts'
import type { useSessionStore } from './sessions.ts'
import type { useToastStore } from './toasts.ts'

/** How long the workspace waits after a change before saving the open tabs. */
const PERSIST_DELAY_MS = 400

/** What the open tabs are kept as: plain data, secrets split off by the host. */
export function workspaceStateOf(
  tabs: readonly WorkspaceTab[],
  activeId: TabId | null,
): WorkspaceState {
  return {
    activeIndex: tabs.findIndex((tab) => tab.id === activeId),
    tabs: tabs.map((tab): WorkspaceTabState => {
      switch (tab.kind) {
        case 'connection':
          return {
            kind: 'connection',
            id: tab.id,
            draft: tab.draft,
            sessionId: tab.sessionId,
            composer: tab.composer,
            savedMessages: tab.savedMessages,
            connectionId: tab.connectionId,
            runIds: tab.runIds,
            view: JSON.stringify(tab.view),
            savedSnapshot: persistedSavedText(tab.savedText),
            ...(tab.requestHeight !== null ? { requestHeight: tab.requestHeight } : {}),
          }
        case 'run':
          return {
            kind: 'run',
            id: tab.id,
            sessionId: tab.sessionId,
            runId: tab.run.id,
            view: JSON.stringify(tab.view),
          }
        case 'compare':
          return {
            kind: 'compare',
            id: tab.id,
            spec: tab.spec,
            sessionId: tab.sessionId,
            comparisonId: tab.comparisonId,
          }
        default:
          return tab satisfies never
      }
    }),
  }
}

export interface RestoreDeps {
  api: ApiClient
  logs: ReturnType<typeof useLiveLogStore>
  sessions: ReturnType<typeof useSessionStore>
  /** Adds a tab as it was kept (its id too), and starts what it needs (loading a run...). */
  add: (tab: WorkspaceTab) => void
  /** A tab whose connection was still live when the app went away (it restarted). */
  interrupted: (tabId: TabId) => void
  /** A tab's log could not be brought back. */
  failed: (error: unknown) => void
}

/**
 * Brings back the tabs of the last visit (after a restart or a page reload), with the
 * connections the app still holds. Returns the index of the tab that was active.
 */
export async function restoreWorkspace(deps: RestoreDeps): Promise<number> {
  const [state, connections] = await Promise.all([
    deps.api.getWorkspace(),
    deps.api.listConnections().catch(() => []),
  ])
  const held = new Map(connections.map((snapshot) => [snapshot.id, snapshot]))
  for (const saved of state?.tabs ?? []) await restoreTab(saved, held, deps)
  return state?.activeIndex ?? -1
}

let restoredNumber = 0
const restoredId = (saved: WorkspaceTabState): TabId => saved.id ?? `r${++restoredNumber}`

async function restoreTab(
  saved: WorkspaceTabState,
  held: Map<ConnectionId, ConnectionSnapshot>,
  { api, logs, sessions, add, interrupted, failed }: RestoreDeps,
): Promise<void> {
  switch (saved.kind) {
    case 'run': {
      const run = (await sessions.loadRuns(saved.sessionId).catch(() => [])).find(
        (candidate) => candidate.id === saved.runId,
      )
      if (run)
        add({
          kind: 'run',
          id: restoredId(saved),
          sessionId: run.sessionId,
          run,
          runLoad: { rows: 0, done: false, error: null },
          view: parseLogViewState(saved.view),
        })
      return
    }
    case 'compare':
      add({
        kind: 'compare',
        id: restoredId(saved),
        spec: saved.spec,
        sessionId: saved.sessionId,
        comparisonId: saved.comparisonId,
        savedText: saved.comparisonId === null ? null : JSON.stringify(saved.spec),
      })
      return
    case 'connection': {
      const part = { draft: saved.draft, savedMessages: saved.savedMessages }
      // A connection still going is picked up again; a closed one has nothing more to show than
      // its journal.
      let connection = saved.connectionId === null ? undefined : held.get(saved.connectionId)
      if (connection?.state === 'closed') {
        // Expected to fail only where the host forgot it already.
        void api.removeConnection(connection.id).catch(() => {})
        connection = undefined
      }
      const id = restoredId(saved)
      const runs = await api.getRuns(saved.runIds ?? [])
      const view = parseLogViewState(saved.view)
      add(
        newConnectionTab(id, {
          ...part,
          sessionId: saved.sessionId,
          composer: saved.composer,
          savedText: restoredSavedText(part, saved.savedSnapshot),
          connectionId: connection?.id ?? null,
          connectionIds: connection ? [connection.id] : [],
          runIds: runs.map((run) => run.id),
          requestHeight: saved.requestHeight ?? null,
          view,
        }),
      )
      if (connection) logs.snapshots.set(connection.id, connection)
      const liveRun = connection?.journal?.runId
      const live =
        connection && liveRun != null ? { connectionId: connection.id, runId: liveRun } : null
      // Rows come back from the journals; a connection without one (nothing was kept) goes on.
      if (connection && live === null) logs.bind(connection.id, id)
      void logs
        .restoreJournals(id, runs, live, view.clearedAt)
        .then((cut) => cut && interrupted(id), failed)
      return
    }
    default:
      return saved satisfies never
  }
}

/**
 * Saves the open tabs a moment after each change (once the last visit's are back), and at once
 * when the page goes away.
 */
export function keepWorkspacePersisted(deps: {
  api: ApiClient
  toasts: ReturnType<typeof useToastStore>
  tabs: Ref<WorkspaceTab[]>
  activeId: Ref<TabId | null>
  restored: Ref<boolean>
}): void {
  let timer: ReturnType<typeof setTimeout> | undefined
  function persist(): void {
    clearTimeout(timer)
    timer = undefined
    void deps.api
      .saveWorkspace(workspaceStateOf(deps.tabs.value, deps.activeId.value))
      .catch((error: unknown) => {
        // A database from a newer version is read-only: not keeping the tabs is expected there.
        if (!(error instanceof ApiError && error.code === 'READ_ONLY'))
          deps.toasts.error('Could not keep the open tabs', error)
      })
  }
  watch(
    [deps.tabs, deps.activeId],
    () => {
      if (!deps.restored.value) return
      clearTimeout(timer)
      timer = setTimeout(persist, PERSIST_DELAY_MS)
    },
    { deep: true },
  )
  // A reload or a closed window does not wait for the timer: the last changes go now.
  window.addEventListener('pagehide', () => {
    if (timer !== undefined) persist()
  })
}
