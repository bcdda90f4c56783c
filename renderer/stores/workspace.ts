import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import {
  defaultDraft,
  type ComposerMode,
  type ConnectionDraft,
  type ConnectionId,
  type ConnectionSnapshot,
  type SavedMessage,
} from '#common/contract/index.ts'
import { useAppBridge } from '../bridge/injection.ts'
import { expandTemplates } from '../features/composer/templates.ts'
import { toRequest, urlProblem } from '../features/connection/draft.ts'
import { useLiveLogStore, type TabId } from './live-logs.ts'

export interface WorkspaceTab {
  id: TabId
  draft: ConnectionDraft
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

let nextTabNumber = 1
const newId = (prefix: string): string =>
  `${prefix}${Date.now().toString(36)}${(nextTabNumber++).toString(36)}`

/** The open tabs, their drafts and what they are connected to. */
export const useWorkspaceStore = defineStore('workspace', () => {
  const { api } = useAppBridge()
  const logs = useLiveLogStore()
  const tabs = ref<WorkspaceTab[]>([])
  const activeId = ref<TabId | null>(null)

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

  function newTab(url = '', draft: ConnectionDraft = defaultDraft(url)): TabId {
    const id = newId('t')
    tabs.value.push({
      id,
      draft,
      connectionId: null,
      connectionIds: [],
      connectError: null,
      composer: { mode: 'text', text: '' },
      history: [],
      savedMessages: [],
      counter: 0,
    })
    activeId.value = id
    return id
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
    try {
      const snapshot = await api.connect(toRequest(target.draft, expander(target)))
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

  return {
    tabs,
    activeId,
    activeTab,
    tab,
    snapshotOf,
    isLive,
    newTab,
    closeTab,
    connect,
    disconnect,
    expander,
  }
})
