import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import {
  defaultDraft,
  type ConnectionDraft,
  type ConnectionId,
  type ConnectOptions,
  type ConnectionRequest,
  type ConnectionSnapshot,
  type SessionRun,
} from '#common/contract/index.ts'
import { useAppBridge } from '../bridge/injection.ts'
import { titleOf, urlProblem } from '../features/connection/draft.ts'
import { defaultLogViewState } from '../features/message-log/log-view-state.ts'
import { formatStart } from '../features/sessions/run-format.ts'
import type { ShownState } from '../features/workspace/connection-state.ts'
import { savedPartText } from '../features/workspace/tab-state.ts'
import {
  newConnectionTab,
  type CompareTab,
  type ConnectionTab,
  type RunTab,
  type TabId,
  type WorkspaceTab,
} from '../features/workspace/workspace-tab.ts'
import { useAppStore } from './app.ts'
import { useCompareStore } from './compare.ts'
import { useLiveLogStore } from './live-logs.ts'
import { useSessionStore } from './sessions.ts'
import { useSettingsStore } from './settings.ts'
import { useToastStore } from './toasts.ts'
import { useVariablesStore } from './variables.ts'
import { createTabRequests } from './tab-requests.ts'
import { createComparisonTabs } from './workspace-comparisons.ts'
import { keepWorkspacePersisted, restoreWorkspace } from './workspace-persistence.ts'

export type { TabId, WorkspaceTab } from '../features/workspace/workspace-tab.ts'

let nextTabNumber = 1
const newId = (prefix: string): string =>
  `${prefix}${Date.now().toString(36)}${(nextTabNumber++).toString(36)}`

/** The open tabs, their drafts, what they are connected to, and which sessions they belong to. */
export const useWorkspaceStore = defineStore('workspace', () => {
  const { api } = useAppBridge()
  const logs = useLiveLogStore()
  const sessions = useSessionStore()
  const app = useAppStore()
  const settings = useSettingsStore()
  const variables = useVariablesStore()
  const toasts = useToastStore()
  const tabs = ref<WorkspaceTab[]>([])
  const activeId = ref<TabId | null>(null)
  /** False until the tabs of the last visit are back, so they are not overwritten first. */
  const restored = ref(false)

  const activeTab = computed(() => tabs.value.find((tab) => tab.id === activeId.value) ?? null)
  const { textFiller, filledRequest } = createTabRequests(variables)

  function tab(tabId: TabId): WorkspaceTab {
    const found = tabs.value.find((candidate) => candidate.id === tabId)
    if (!found) throw new Error(`No tab ${tabId}`)
    return found
  }

  function tabOfKind<K extends WorkspaceTab['kind']>(
    tabId: TabId,
    kind: K,
  ): Extract<WorkspaceTab, { kind: K }> {
    const found = tab(tabId)
    if (found.kind !== kind)
      throw new Error(`Tab ${tabId} is a ${found.kind} tab, not a ${kind} tab`)
    return found as Extract<WorkspaceTab, { kind: K }>
  }
  const connectionTab = (tabId: TabId): ConnectionTab => tabOfKind(tabId, 'connection')
  const runTab = (tabId: TabId): RunTab => tabOfKind(tabId, 'run')
  const compareTab = (tabId: TabId): CompareTab => tabOfKind(tabId, 'compare')

  function snapshotOf(tabId: TabId): ConnectionSnapshot | null {
    const found = tab(tabId)
    if (found.kind !== 'connection' || found.connectionId === null) return null
    return logs.snapshots.get(found.connectionId) ?? null
  }

  /**
   * The tab's connection state as the page shows it: unknown while the link to the host is down,
   * since what was last heard may no longer be true.
   */
  function shownStateOf(tabId: TabId): ShownState {
    const snapshot = snapshotOf(tabId)
    if (snapshot === null) return null
    return app.link === 'connected' ? snapshot.state : 'unknown'
  }

  /** Whether the tab's connection is connecting, open, or waiting to reconnect. */
  function isLive(tabId: TabId): boolean {
    const state = snapshotOf(tabId)?.state
    return state !== undefined && state !== 'closed'
  }

  /** Whether the tab holds changes its session does not have (or has no session yet). */
  function isUnsaved(target: WorkspaceTab): boolean {
    switch (target.kind) {
      case 'connection':
        if (target.savedText === null)
          return target.draft.url.trim() !== '' || target.savedMessages.length > 0
        return savedPartText(target) !== target.savedText
      case 'compare':
        return target.savedText !== null && JSON.stringify(target.spec) !== target.savedText
      case 'run':
        return false
      default:
        return target satisfies never
    }
  }

  /** The tab's title: its session's name, else the URL's last segment. */
  function titleOfTab(target: WorkspaceTab): string {
    const name = sessions.byId(target.sessionId)?.name
    switch (target.kind) {
      case 'connection':
        return name ?? titleOf(target.draft.url)
      case 'run':
        return `${name ?? titleOf(target.run.url)} · ${formatStart(target.run.startedAt)}`
      case 'compare': {
        const { left, right } = target.spec
        return left && right ? `${left.label} ⇄ ${right.label}` : 'Compare'
      }
      default:
        return target satisfies never
    }
  }

  /** Adds a tab (made active), and starts what it needs: a run tab loads its events. */
  function addTab<T extends WorkspaceTab>(added: T): T {
    tabs.value.push(added)
    activeId.value = added.id
    if (added.kind === 'run') void loadRun(tabs.value.at(-1) as RunTab)
    return tabs.value.at(-1) as T
  }

  const { sourceRefOf, compareTabs, openComparison } = createComparisonTabs({
    tabs,
    activeId,
    add: addTab,
    titleOfTab,
    newId,
  })

  function newTab(url = '', draft: ConnectionDraft = defaultDraft(url)): TabId {
    return addTab(newConnectionTab(newId('t'), { draft })).id
  }

  /** Moves tab `tabId` just before or after tab `targetId`. */
  function moveTab(tabId: TabId, targetId: TabId, where: 'before' | 'after'): void {
    if (tabId === targetId) return
    const moving = tab(tabId)
    tabs.value.splice(tabs.value.indexOf(moving), 1)
    const at = tabs.value.indexOf(tab(targetId))
    tabs.value.splice(where === 'before' ? at : at + 1, 0, moving)
  }

  /** Makes the next (1) or previous (−1) tab active, round the end. */
  function cycleTab(step: 1 | -1): void {
    const count = tabs.value.length
    if (count === 0) return
    const at = tabs.value.findIndex((candidate) => candidate.id === activeId.value)
    activeId.value = tabs.value[(at + step + count) % count]!.id
  }

  async function closeTab(tabId: TabId): Promise<void> {
    const closing = tab(tabId)
    const index = tabs.value.indexOf(closing)
    tabs.value.splice(index, 1)
    if (activeId.value === tabId)
      activeId.value = tabs.value[Math.min(index, tabs.value.length - 1)]?.id ?? null
    // A compare tab's logs and results go with it (the store is asked for here, not at setup:
    // it uses this one).
    if (closing.kind === 'compare') useCompareStore().forget(tabId)
    const connectionIds = closing.kind === 'connection' ? closing.connectionIds : []
    // The connections may be gone already (the host restarted): nothing is left to remove then.
    await Promise.all(connectionIds.map((id) => api.removeConnection(id).catch(() => {})))
    logs.forget(tabId, connectionIds)
  }

  /** The request the tab's draft makes, variables filled in (what Connect would send). */
  function requestOf(tabId: TabId): ConnectionRequest {
    return filledRequest(connectionTab(tabId)).request
  }

  async function connect(tabId: TabId): Promise<void> {
    const target = connectionTab(tabId)
    if (target.draft.url.trim() === '') {
      target.connectError = 'Type a URL to connect to'
      return
    }
    const { request, problem } = filledRequest(target)
    target.connectError = problem ?? urlProblem({ ...target.draft, url: request.url })
    if (target.connectError) return
    const previous = target.connectionId
    const session = sessions.byId(target.sessionId)
    try {
      const snapshot = await api.connect(request, keepOptions(session?.id))
      logs.snapshots.set(snapshot.id, logs.snapshots.get(snapshot.id) ?? snapshot)
      adoptConnection(tabId, snapshot.id, previous)
      settings.rememberUrl(target.draft.url.trim())
    } catch (error) {
      target.connectError = error instanceof Error ? error.message : String(error)
    }
  }

  /**
   * Shows connection `connectionId` in the tab from now on (it opened it, or a scenario of it
   * did), letting go of the one it showed before (`previous`, by default the current one).
   */
  function adoptConnection(
    tabId: TabId,
    connectionId: ConnectionId,
    previous: ConnectionId | null = connectionTab(tabId).connectionId,
  ): void {
    const target = connectionTab(tabId)
    logs.bind(connectionId, tabId)
    target.connectionId = connectionId
    target.connectionIds.push(connectionId)
    const runId = logs.snapshots.get(connectionId)?.journal?.runId
    if (runId != null) target.runIds.push(runId)
    // The connection before it may be gone already (the host restarted).
    if (previous !== null && previous !== connectionId)
      void api.removeConnection(previous).catch(() => {})
  }

  async function disconnect(tabId: TabId, code?: number, reason?: string): Promise<void> {
    const { connectionId } = connectionTab(tabId)
    if (connectionId !== null) await api.disconnect(connectionId, code, reason)
  }

  /** Saves a connection tab as a session, or updates its session. Ctrl/Cmd+S. */
  async function save(tabId: TabId): Promise<void> {
    const target = tab(tabId)
    if (target.kind !== 'connection') return
    const text = savedPartText(target)
    const part = JSON.parse(text) as Pick<ConnectionTab, 'draft' | 'savedMessages'>
    const existing = sessions.byId(target.sessionId)
    const name = existing?.name ?? titleOf(target.draft.url)
    try {
      const summary = await sessions.save({ id: existing?.id, name, ...part })
      target.sessionId = summary.id
      target.savedText = text
      // What the tab showed before it had a session is kept with it from now on.
      if (!existing && target.runIds.length > 0) {
        await api.keepRuns(target.runIds, summary.id)
        // Kept already; a list that does not load now loads when the session is opened.
        void sessions.loadRuns(summary.id).catch(() => {})
      }
      if (!existing) toasts.show(`Saved as “${summary.name}”`)
    } catch (error) {
      toasts.error('Could not save', error)
    }
  }

  /** Opens a saved session: its tab if one is open, else a new tab with its settings. */
  async function openSession(sessionId: string): Promise<void> {
    const open = tabs.value.find((t) => t.kind === 'connection' && t.sessionId === sessionId)
    if (open) {
      activeId.value = open.id
      return
    }
    try {
      const session = await api.getSession(sessionId)
      const part = { draft: session.draft, savedMessages: session.savedMessages }
      addTab(newConnectionTab(newId('t'), { ...part, sessionId, savedText: savedPartText(part) }))
      if (session.secretsMissing)
        toasts.show(
          `“${session.name}” has secret values that were not saved on this machine: type them again before connecting.`,
        )
      void sessions.refresh()
    } catch (error) {
      toasts.error('Could not open the session', error)
    }
  }

  /** Opens a recorded run read-only: its tab if one is open, else a new tab loading its events. */
  function openRun(run: SessionRun): void {
    const open = tabs.value.find((t) => t.kind === 'run' && t.run.id === run.id)
    if (open) {
      activeId.value = open.id
      return
    }
    addTab({
      kind: 'run',
      id: newId('t'),
      sessionId: run.sessionId,
      run,
      runLoad: { rows: 0, done: false, error: null },
      view: defaultLogViewState(),
    })
  }

  async function loadRun(target: RunTab): Promise<void> {
    const progress = target.runLoad
    try {
      await logs.loadRun(target.id, target.run.id, (rows) => (progress.rows = rows))
      progress.done = true
    } catch (error) {
      progress.error = error instanceof Error ? error.message : String(error)
    }
  }

  /** How a connection of session `sessionId`'s tab is journaled: kept in its runs. */
  function keepOptions(sessionId: string | undefined): ConnectOptions | undefined {
    return sessionId !== undefined && !sessions.readOnly ? { keepIn: sessionId } : undefined
  }

  /** Brings back the tabs of the last visit, then keeps saving them as they change. */
  async function restore(): Promise<void> {
    try {
      const activeIndex = await restoreWorkspace({
        api,
        logs,
        sessions,
        add: addTab,
        // Reconnected only where the user asked for it: a server may not want the traffic.
        interrupted: (tabId) => {
          if (settings.reconnectOnStart) void connect(tabId)
        },
        failed: (error) => toasts.error('Could not bring back a tab’s log', error),
      })
      activeId.value = (tabs.value[activeIndex] ?? tabs.value.at(-1))?.id ?? null
    } catch (error) {
      toasts.error('Could not bring back the open tabs', error)
    } finally {
      restored.value = true
    }
  }
  keepWorkspacePersisted({ api, toasts, tabs, activeId, restored })

  return {
    tabs,
    activeId,
    activeTab,
    restored,
    tab,
    connectionTab,
    runTab,
    compareTab,
    openComparison,
    compareTabs,
    sourceRefOf,
    snapshotOf,
    shownStateOf,
    requestOf,
    isLive,
    isUnsaved,
    titleOfTab,
    newTab,
    closeTab,
    cycleTab,
    moveTab,
    connect,
    disconnect,
    textFiller,
    filledRequest,
    adoptConnection,
    keepOptions,
    save,
    openSession,
    openRun,
    restore,
  }
})
