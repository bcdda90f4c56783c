import { defineStore } from 'pinia'
import { markRaw, reactive, watch } from 'vue'
import type { CompareOptions, MessageList } from '#common/compare/index.ts'
import type {
  CompareSourceRef,
  ComparisonSpec,
  SavedComparison,
  SessionSummary,
} from '#common/contract/index.ts'
import { useAppBridge } from '../bridge/injection.ts'
import type { CompareOutcome } from '../features/compare/compare-protocol.ts'
import { createSideFeed } from '../features/compare/compare-chunk.ts'
import { createCompareRunner } from '../features/compare/compare-runner.ts'
import type { CompareTab, TabId } from '../features/workspace/workspace-tab.ts'
import { createSideReader, type SideState } from './compare-sides.ts'
import { useLiveLogStore } from './live-logs.ts'
import { useSessionStore } from './sessions.ts'
import { useToastStore } from './toasts.ts'
import { useWorkspaceStore } from './workspace.ts'

export type Side = 'left' | 'right'

/** What one compare tab has found so far. Results are plain data, outside Vue's reactivity. */
export interface CompareState {
  left: SideState
  right: SideState
  status: 'waiting' | 'comparing' | 'done' | 'error'
  error: string | null
  /** The messages compared, per side, for the pair list and the diff (decoded as shown). */
  messages: { left: MessageList; right: MessageList }
  outcome: CompareOutcome | null
  /** Bumped with each new outcome. */
  revision: number
  /** How long the last comparison took in the worker, in ms. */
  ms: number | null
  /**
   * Timing of the last whole comparison. A first look's is of its first messages only, so it
   * is not shown; and leaving the timing panel out of the first paint keeps that paint short.
   */
  timing: CompareOutcome['timing'] | null
}

/** How often a live side may trigger another comparison. */
const LIVE_INTERVAL_MS = 1_000

/** The running comparisons of compare tabs: their sides' logs, and what comparing them found. */
export const useCompareStore = defineStore('compare', () => {
  const { api } = useAppBridge()
  const logs = useLiveLogStore()
  const workspace = useWorkspaceStore()
  const sessions = useSessionStore()
  const toasts = useToastStore()
  const states = reactive(new Map<TabId, CompareState>())
  const runner = createCompareRunner()
  const stops = new Map<TabId, () => void>()
  /** Comparisons asked for so far: a newer one makes an older one stop where it is. */
  let runs = 0

  function stateOf(tabId: TabId): CompareState {
    let state = states.get(tabId)
    if (!state) {
      state = {
        left: { source: null, problem: null, loading: false },
        right: { source: null, problem: null, loading: false },
        status: 'waiting',
        error: null,
        messages: markRaw({ left: [], right: [] }),
        outcome: null,
        revision: 0,
        ms: null,
        timing: null,
      }
      states.set(tabId, state)
      stops.set(tabId, follow(tabId))
    }
    return states.get(tabId)!
  }

  const sides = createSideReader(logs, workspace)
  const sideKey = (tabId: TabId, side: Side): string => `compare:${tabId}:${side}`

  /** Finds the log a side refers to: a tab's live log, a run (read in), or a file (kept). */
  function resolve(tabId: TabId, side: Side, ref: CompareSourceRef | null): Promise<void> {
    stateOf(tabId).timing = null // another log's: it no longer applies
    return sides.resolve(stateOf(tabId)[side], sideKey(tabId, side), ref)
  }

  /** Reads a log file for one side; its problem, if it is not a log, is the side's. */
  function loadFile(tabId: TabId, side: Side, file: File): Promise<CompareSourceRef | null> {
    return sides.loadFile(stateOf(tabId)[side], sideKey(tabId, side), file)
  }

  /** Compares the two sides as the spec says, in the worker; a newer request supersedes it. */
  async function run(tabId: TabId, spec: ComparisonSpec): Promise<void> {
    const state = stateOf(tabId)
    const { left, right } = state
    if (!left.source || !right.source) {
      state.status = 'waiting'
      return
    }
    state.status = 'comparing'
    // Plain data for the worker: the spec in the tab is reactive.
    const options = JSON.parse(JSON.stringify(spec.options)) as CompareOptions
    const request = ++runs
    const leftFeed = createSideFeed(left.source, options)
    const rightFeed = createSideFeed(right.source, options)
    const reply = await runner.compare(leftFeed, rightFeed, options, (partial) => {
      // A first look while the rest is compared: shown, marked as still comparing.
      state.messages = markRaw({ left: leftFeed.read, right: rightFeed.read })
      state.outcome = markRaw(partial.outcome)
      state.revision++
    })
    if (request !== runs) return
    if (reply === null) return // superseded
    // The worker failed under it: again, on the page (the runner has no worker now).
    if (reply.type === 'lost') return run(tabId, spec)
    if (reply.type === 'error') {
      state.status = 'error'
      state.error = reply.message
      return
    }
    state.messages = markRaw({ left: leftFeed.read, right: rightFeed.read })
    state.outcome = markRaw(reply.outcome)
    state.ms = reply.ms
    state.timing = markRaw(reply.outcome.timing)
    state.error = null
    state.status = 'done'
    state.revision++
  }

  /**
   * Keeps a tab's comparison current: its sides follow the spec, and it runs again when the spec
   * changes or a live side gets new rows (at most once a second).
   */
  function follow(tabId: TabId): () => void {
    let timer: ReturnType<typeof setTimeout> | undefined
    const specOf = () => {
      const tab = workspace.tabs.find((candidate) => candidate.id === tabId)
      return tab?.kind === 'compare' ? tab.spec : null
    }
    const stopSides = watch(
      () => [specOf()?.left, specOf()?.right] as const,
      async ([leftRef, rightRef]) => {
        await Promise.all([
          resolve(tabId, 'left', leftRef ?? null),
          resolve(tabId, 'right', rightRef ?? null),
        ])
        const spec = specOf()
        if (spec) void run(tabId, spec)
      },
      { immediate: true, deep: true },
    )
    // A tab a side shows was closed: the side says so instead of going blank.
    const stopTabs = watch(
      () => workspace.tabs.map((tab) => tab.id).join(' '),
      async () => {
        const spec = specOf()
        if (!spec) return
        const sides = (['left', 'right'] as const).filter((side) => spec[side]?.kind === 'tab')
        await Promise.all(sides.map((side) => resolve(tabId, side, spec[side])))
        if (sides.length > 0) void run(tabId, spec)
      },
    )
    const stopOptions = watch(
      () => specOf()?.options,
      () => {
        const spec = specOf()
        if (spec) void run(tabId, spec)
      },
      { deep: true },
    )
    const stopLive = watch(
      () => {
        const state = states.get(tabId)
        return [state?.left.source?.revision, state?.right.source?.revision]
      },
      () => {
        const state = states.get(tabId)
        const live = state?.left.source?.kind === 'live' || state?.right.source?.kind === 'live'
        if (!live || timer !== undefined) return
        timer = setTimeout(() => {
          timer = undefined
          const spec = specOf()
          if (spec) void run(tabId, spec)
        }, LIVE_INTERVAL_MS)
      },
    )
    return () => {
      clearTimeout(timer)
      stopSides()
      stopTabs()
      stopOptions()
      stopLive()
    }
  }

  /** Lets a closed compare tab's logs and results go. */
  function forget(tabId: TabId): void {
    stops.get(tabId)?.()
    stops.delete(tabId)
    states.delete(tabId)
    logs.forget(sideKey(tabId, 'left'), [])
    logs.forget(sideKey(tabId, 'right'), [])
  }

  /**
   * The session a comparison is saved with: its own, else the session of a side (a run's, or a
   * connection tab's); null when no side has one.
   */
  function sessionOf(tab: CompareTab): SessionSummary | null {
    const candidates = [tab.sessionId]
    for (const ref of [tab.spec.left, tab.spec.right]) {
      if (ref?.kind === 'run') candidates.push(ref.sessionId)
      if (ref?.kind === 'tab') {
        const side = workspace.tabs.find((candidate) => candidate.id === ref.tabId)
        if (side && side.kind !== 'compare') candidates.push(side.sessionId)
      }
    }
    for (const id of candidates) {
      const session = sessions.byId(id)
      if (session) return session
    }
    return null
  }

  /** Saves a compare tab's comparison with its session (see sessionOf). */
  async function save(tabId: TabId): Promise<void> {
    const tab = workspace.compareTab(tabId)
    const session = sessionOf(tab)
    if (!session) return
    try {
      const saved = await api.saveComparison(session.id, {
        ...(tab.comparisonId !== null && tab.sessionId === session.id
          ? { id: tab.comparisonId }
          : {}),
        name: workspace.titleOfTab(tab),
        spec: tab.spec,
      })
      tab.sessionId = session.id
      tab.comparisonId = saved.id
      tab.savedText = JSON.stringify(tab.spec)
      void loadSaved(session.id)
      toasts.show(`Comparison saved with “${session.name}”`)
    } catch (error) {
      toasts.error('Could not save the comparison', error)
    }
  }

  /** Saved comparisons by session, as last loaded. */
  const saved = reactive<Record<string, SavedComparison[]>>({})
  async function loadSaved(sessionId: string): Promise<SavedComparison[]> {
    saved[sessionId] = await api.listComparisons(sessionId)
    return saved[sessionId]
  }

  async function remove(comparison: SavedComparison): Promise<void> {
    try {
      await api.deleteComparison(comparison.id)
      await loadSaved(comparison.sessionId)
    } catch (error) {
      toasts.error('Could not delete the comparison', error)
    }
  }

  return { stateOf, loadFile, forget, sessionOf, save, saved, loadSaved, remove }
})
