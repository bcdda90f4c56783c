import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import {
  ApiError,
  defaultDraft,
  type ComposerMode,
  type ConnectionDraft,
  type ConnectionId,
  type ConnectionSnapshot,
  type RunSummary,
  type SavedMessage,
  type WorkspaceState,
  type WorkspaceTabState,
} from '#common/contract/index.ts'
import { useAppBridge } from '../bridge/injection.ts'
import { expandTemplates } from '../features/composer/templates.ts'
import { titleOf, toRequest, urlProblem } from '../features/connection/draft.ts'
import { formatStart } from '../features/sessions/run-format.ts'
import {
  persistedSavedText,
  restoredSavedText,
  savedPartText,
} from '../features/workspace/tab-state.ts'
import { useLiveLogStore, type TabId } from './live-logs.ts'
import { useSessionStore } from './sessions.ts'
import { useToastStore } from './toasts.ts'

export interface WorkspaceTab {
  id: TabId
  /** A connection to edit and open, or a recorded run shown read-only. */
  kind: 'connection' | 'run'
  draft: ConnectionDraft
  /** The saved session the tab belongs to. */
  sessionId: string | null
  /** For a run tab: the run shown. */
  run: RunSummary | null
  /** For a run tab: how loading its events goes. */
  runLoad: { rows: number; done: boolean; error: string | null } | null
  /** The draft and saved messages as last saved (see tab-state.ts); null if never saved. */
  savedText: string | null
  /** The connection the tab is showing, the latest one it opened. */
  connectionId: ConnectionId | null
  /** Every connection the tab opened, so closing the tab can forget them all. */
  connectionIds: ConnectionId[]
  /** Why the last Connect could not even start (an invalid URL...). */
  connectError: string | null
  composer: { mode: ComposerMode; text: string }
  history: string[]
  savedMessages: SavedMessage[]
  /** The {{counter}} template variable's last value. */
  counter: number
}

/** How long the workspace waits after a change before saving the open tabs. */
const PERSIST_DELAY_MS = 400

let nextTabNumber = 1
const newId = (prefix: string): string =>
  `${prefix}${Date.now().toString(36)}${(nextTabNumber++).toString(36)}`

/** The open tabs, their drafts, what they are connected to, and which sessions they belong to. */
export const useWorkspaceStore = defineStore('workspace', () => {
  const { api } = useAppBridge()
  const logs = useLiveLogStore()
  const sessions = useSessionStore()
  const toasts = useToastStore()
  const tabs = ref<WorkspaceTab[]>([])
  const activeId = ref<TabId | null>(null)
  /** False until the tabs of the last visit are back, so they are not overwritten first. */
  const restored = ref(false)

  const activeTab = computed(() => tabs.value.find((tab) => tab.id === activeId.value) ?? null)

  function tab(tabId: TabId): WorkspaceTab {
    const found = tabs.value.find((candidate) => candidate.id === tabId)
    if (!found) throw new Error(`No tab ${tabId}`)
    return found
  }

  function snapshotOf(tabId: TabId): ConnectionSnapshot | null {
    const { connectionId } = tab(tabId)
    return connectionId === null ? null : (logs.snapshots.get(connectionId) ?? null)
  }

  /** Whether the tab's connection is connecting, open, or waiting to reconnect. */
  function isLive(tabId: TabId): boolean {
    const state = snapshotOf(tabId)?.state
    return state !== undefined && state !== 'closed'
  }

  /** Whether the tab holds changes its session does not have (or has no session yet). */
  function isUnsaved(target: WorkspaceTab): boolean {
    if (target.kind !== 'connection') return false
    if (target.savedText === null)
      return target.draft.url.trim() !== '' || target.savedMessages.length > 0
    return savedPartText(target) !== target.savedText
  }

  /** The tab's title: its session's name, else the URL's last segment. */
  function titleOfTab(target: WorkspaceTab): string {
    const name = sessions.byId(target.sessionId)?.name
    if (target.kind === 'run' && target.run)
      return `${name ?? titleOf(target.run.url)} · ${formatStart(target.run.startedAt)}`
    return name ?? titleOf(target.draft.url)
  }

  function addTab(fields: Partial<WorkspaceTab> & Pick<WorkspaceTab, 'draft'>): WorkspaceTab {
    tabs.value.push({
      id: newId('t'),
      kind: 'connection',
      sessionId: null,
      run: null,
      runLoad: null,
      savedText: null,
      connectionId: null,
      connectionIds: [],
      connectError: null,
      composer: { mode: 'text', text: '' },
      history: [],
      savedMessages: [],
      counter: 0,
      ...fields,
    })
    const added = tabs.value.at(-1)!
    activeId.value = added.id
    return added
  }

  function newTab(url = '', draft: ConnectionDraft = defaultDraft(url)): TabId {
    return addTab({ draft }).id
  }

  async function closeTab(tabId: TabId): Promise<void> {
    const closing = tab(tabId)
    const index = tabs.value.indexOf(closing)
    tabs.value.splice(index, 1)
    if (activeId.value === tabId)
      activeId.value = tabs.value[Math.min(index, tabs.value.length - 1)]?.id ?? null
    await Promise.all(closing.connectionIds.map((id) => api.removeConnection(id).catch(() => {})))
    logs.forget(tabId, closing.connectionIds)
  }

  function expander(target: WorkspaceTab): (text: string) => string {
    return (text) =>
      expandTemplates(text, {
        nextCounter: () => ++target.counter,
        uuid: () => crypto.randomUUID(),
        now: () => Date.now(),
        random: () => Math.random(),
      })
  }

  async function connect(tabId: TabId): Promise<void> {
    const target = tab(tabId)
    target.connectError =
      urlProblem(target.draft) ??
      (target.draft.url.trim() === '' ? 'Type a URL to connect to' : null)
    if (target.connectError) return
    const previous = target.connectionId
    const session = sessions.byId(target.sessionId)
    try {
      const snapshot = await api.connect(
        toRequest(target.draft, expander(target)),
        session?.recording && !sessions.readOnly ? { recordTo: session.id } : undefined,
      )
      logs.snapshots.set(snapshot.id, logs.snapshots.get(snapshot.id) ?? snapshot)
      logs.bind(snapshot.id, tabId)
      target.connectionId = snapshot.id
      target.connectionIds.push(snapshot.id)
      if (previous !== null) void api.removeConnection(previous).catch(() => {})
    } catch (error) {
      target.connectError = error instanceof Error ? error.message : String(error)
    }
  }

  async function disconnect(tabId: TabId, code?: number, reason?: string): Promise<void> {
    const { connectionId } = tab(tabId)
    if (connectionId !== null) await api.disconnect(connectionId, code, reason)
  }

  /** Saves a connection tab as a session, or updates its session. Ctrl/Cmd+S. */
  async function save(tabId: TabId): Promise<void> {
    const target = tab(tabId)
    if (target.kind !== 'connection') return
    const text = savedPartText(target)
    const part = JSON.parse(text) as Pick<WorkspaceTab, 'draft' | 'savedMessages'>
    const existing = sessions.byId(target.sessionId)
    const name = existing?.name ?? titleOf(target.draft.url)
    try {
      const summary = await sessions.save({ id: existing?.id, name, ...part })
      target.sessionId = summary.id
      target.savedText = text
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
      addTab({ ...part, sessionId, savedText: savedPartText(part) })
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
  function openRun(run: RunSummary): void {
    const open = tabs.value.find((t) => t.kind === 'run' && t.run?.id === run.id)
    if (open) {
      activeId.value = open.id
      return
    }
    const added = addTab({
      kind: 'run',
      draft: defaultDraft(run.url),
      sessionId: run.sessionId,
      run,
    })
    void loadRun(added)
  }

  async function loadRun(target: WorkspaceTab): Promise<void> {
    target.runLoad = { rows: 0, done: false, error: null }
    const progress = target.runLoad
    try {
      await logs.loadRun(target.id, target.run!.id, (rows) => (progress.rows = rows))
      progress.done = true
    } catch (error) {
      progress.error = error instanceof Error ? error.message : String(error)
    }
  }

  /**
   * The session's recording switch. On: its tabs' open connections are recorded from now on, and
   * every later connect from its first event. Off: the runs end.
   */
  async function setRecording(sessionId: string, on: boolean): Promise<void> {
    try {
      await api.setRecording(sessionId, on)
      const live = tabs.value.filter(
        (t) => t.sessionId === sessionId && t.kind === 'connection' && isLive(t.id),
      )
      for (const target of live)
        if (on) await api.startRecording(target.connectionId!, sessionId)
        else await api.stopRecording(target.connectionId!)
    } catch (error) {
      toasts.error(on ? 'Could not start recording' : 'Could not stop recording', error)
    } finally {
      await sessions.refresh()
    }
  }

  function stateOf(): WorkspaceState {
    const active = tabs.value.findIndex((t) => t.id === activeId.value)
    return {
      activeIndex: active,
      tabs: tabs.value.map((t): WorkspaceTabState => ({
        kind: t.kind,
        draft: t.draft,
        sessionId: t.sessionId,
        runId: t.run?.id ?? null,
        composer: t.composer,
        savedMessages: t.savedMessages,
        connectionId: t.connectionId,
        savedSnapshot: persistedSavedText(t.savedText),
      })),
    }
  }

  /**
   * Brings back the tabs of the last visit (after a restart or a page reload), with the
   * connections the app still holds, then keeps saving them as they change.
   */
  async function restore(): Promise<void> {
    try {
      const [state, connections] = await Promise.all([
        api.getWorkspace(),
        api.listConnections().catch(() => []),
      ])
      const held = new Map(connections.map((snapshot) => [snapshot.id, snapshot]))
      for (const saved of state?.tabs ?? []) await restoreTab(saved, held)
      const active = tabs.value[state?.activeIndex ?? -1] ?? tabs.value.at(-1)
      activeId.value = active?.id ?? null
    } catch (error) {
      toasts.error('Could not bring back the open tabs', error)
    } finally {
      restored.value = true
    }
  }

  async function restoreTab(
    saved: WorkspaceTabState,
    held: Map<ConnectionId, ConnectionSnapshot>,
  ): Promise<void> {
    if (saved.kind === 'run') {
      if (saved.sessionId === null || saved.runId === null) return
      const run = (await sessions.loadRuns(saved.sessionId).catch(() => [])).find(
        (candidate) => candidate.id === saved.runId,
      )
      if (run)
        void loadRun(addTab({ kind: 'run', draft: saved.draft, sessionId: run.sessionId, run }))
      return
    }
    const part = { draft: saved.draft, savedMessages: saved.savedMessages }
    // A connection still going is picked up again; a closed one has nothing more to show.
    let connection = saved.connectionId === null ? undefined : held.get(saved.connectionId)
    if (connection?.state === 'closed') {
      void api.removeConnection(connection.id).catch(() => {})
      connection = undefined
    }
    const added = addTab({
      ...part,
      sessionId: saved.sessionId,
      composer: saved.composer,
      savedText: restoredSavedText(part, saved.savedSnapshot),
      connectionId: connection?.id ?? null,
      connectionIds: connection ? [connection.id] : [],
    })
    if (connection) {
      logs.snapshots.set(connection.id, connection)
      logs.bind(connection.id, added.id)
    }
  }

  let persistTimer: ReturnType<typeof setTimeout> | undefined
  function persist(): void {
    clearTimeout(persistTimer)
    persistTimer = undefined
    void api.saveWorkspace(stateOf()).catch((error: unknown) => {
      if (!(error instanceof ApiError && error.code === 'READ_ONLY'))
        toasts.error('Could not keep the open tabs', error)
    })
  }
  watch(
    [tabs, activeId],
    () => {
      if (!restored.value) return
      clearTimeout(persistTimer)
      persistTimer = setTimeout(persist, PERSIST_DELAY_MS)
    },
    { deep: true },
  )
  // A reload or a closed window does not wait for the timer: the last changes go now.
  window.addEventListener('pagehide', () => {
    if (persistTimer !== undefined) persist()
  })

  return {
    tabs,
    activeId,
    activeTab,
    restored,
    tab,
    snapshotOf,
    isLive,
    isUnsaved,
    titleOfTab,
    newTab,
    closeTab,
    connect,
    disconnect,
    expander,
    save,
    openSession,
    openRun,
    setRecording,
    restore,
  }
})
