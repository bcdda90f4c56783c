import { defineStore } from 'pinia'
import { reactive } from 'vue'
import type { ComposerMode } from '#common/contract/index.ts'
import { outgoingMessage } from '#common/contract/draft-request.ts'
import { useAppBridge } from '../bridge/injection.ts'
import { composerProblem } from '../features/composer/composer-check.ts'
import type { TabId } from './live-logs.ts'
import { useWorkspaceStore } from './workspace.ts'

const HISTORY_LIMIT = 100

export interface RepeatState {
  sent: number
  total: number
}

/** Sending from a tab: what is typed, history, saved messages, and repeated sends. */
export const useComposerStore = defineStore('composer', () => {
  const { api } = useAppBridge()
  const workspace = useWorkspaceStore()
  /** Why the last send failed, per tab. */
  const errors = reactive<Record<TabId, string | null>>({})
  const repeating = reactive<Record<TabId, RepeatState | null>>({})
  const repeatTimers = new Map<TabId, ReturnType<typeof setInterval>>()

  /** Sends `text` (default: what the composer holds) in `mode`; true when it went out. */
  async function send(tabId: TabId, mode?: ComposerMode, text?: string): Promise<boolean> {
    const tab = workspace.connectionTab(tabId)
    const sendMode = mode ?? tab.composer.mode
    const raw = text ?? tab.composer.text
    const problem = composerProblem(sendMode, raw)
    errors[tabId] = problem
    if (problem || tab.connectionId === null) {
      errors[tabId] ??= 'Connect first'
      return false
    }
    // Variables are filled at each send (a changed value applies to the next message), on text;
    // hex and base64 are sent as written.
    let filled = raw
    if (sendMode === 'text' || sendMode === 'json') {
      const filler = workspace.textFiller(tab)
      filled = filler.fill(raw, 'the message')
      errors[tabId] = filler.problem
      if (filler.problem) return false
    }
    try {
      await api.send(tab.connectionId, outgoingMessage(sendMode, filled))
      if (text === undefined && tab.history.at(-1) !== raw) {
        tab.history.push(raw)
        if (tab.history.length > HISTORY_LIMIT) tab.history.shift()
      }
      return true
    } catch (error) {
      errors[tabId] = error instanceof Error ? error.message : String(error)
      return false
    }
  }

  function prettify(tabId: TabId): void {
    const { composer } = workspace.connectionTab(tabId)
    try {
      composer.text = JSON.stringify(JSON.parse(composer.text), null, 2)
      errors[tabId] = null
    } catch {
      errors[tabId] = composerProblem('json', composer.text)
    }
  }

  function saveMessage(tabId: TabId, name: string, id?: string): void {
    const tab = workspace.connectionTab(tabId)
    const existing =
      id === undefined ? undefined : tab.savedMessages.find((saved) => saved.id === id)
    if (existing)
      Object.assign(existing, { name, mode: tab.composer.mode, text: tab.composer.text })
    else
      tab.savedMessages.push({
        id: crypto.randomUUID(),
        name,
        mode: tab.composer.mode,
        text: tab.composer.text,
      })
  }

  function deleteMessage(tabId: TabId, id: string): void {
    const tab = workspace.connectionTab(tabId)
    tab.savedMessages = tab.savedMessages.filter((saved) => saved.id !== id)
  }

  /** Sends what the composer holds `times` times, every `everyMs`, until done or stopped. */
  function startRepeat(tabId: TabId, times: number, everyMs: number): void {
    stopRepeat(tabId)
    const { mode, text } = workspace.connectionTab(tabId).composer
    repeating[tabId] = { sent: 0, total: times }
    const tick = async (): Promise<void> => {
      const state = repeating[tabId]
      if (!state) return
      if (!(await send(tabId, mode, text))) return stopRepeat(tabId)
      state.sent++
      if (state.sent >= state.total) stopRepeat(tabId)
    }
    void tick()
    repeatTimers.set(
      tabId,
      setInterval(() => void tick(), everyMs),
    )
  }

  function stopRepeat(tabId: TabId): void {
    clearInterval(repeatTimers.get(tabId))
    repeatTimers.delete(tabId)
    repeating[tabId] = null
  }

  return { errors, repeating, send, prettify, saveMessage, deleteMessage, startRepeat, stopRepeat }
})
