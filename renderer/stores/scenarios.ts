import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import type {
  KeyValueRow,
  ScenarioReport,
  ScenarioStep,
  ScenarioStepResult,
} from '#common/contract/index.ts'
import { useAppBridge } from '../bridge/injection.ts'
import type { TabId } from './live-logs.ts'
import { useSessionStore } from './sessions.ts'
import { useVariablesStore } from './variables.ts'
import { useWorkspaceStore } from './workspace.ts'

/** A tab's scenario run: the results so far (by step path, the latest round), and the report. */
export interface ScenarioRunState {
  scenarioId: string | null
  running: boolean
  results: Record<string, ScenarioStepResult>
  report: ScenarioReport | null
  /** Why it could not start. */
  problem: string | null
}

/** Running a tab's scenario in the host, and what each step did. */
export const useScenarioStore = defineStore('scenarios', () => {
  const { api } = useAppBridge()
  const workspace = useWorkspaceStore()
  const sessions = useSessionStore()
  const variables = useVariablesStore()
  const runs = reactive<Record<TabId, ScenarioRunState>>({})
  const tabOf = new Map<string, TabId>()
  /** A message a step points at, for the tab's log to select (bumped on each ask). */
  const revealed = ref<{ tabId: TabId; seq: number; nonce: number } | null>(null)

  api.on('scenario', (event) => {
    const tabId = tabOf.get(event.scenarioId)
    const state = tabId === undefined ? undefined : runs[tabId]
    if (tabId === undefined || !state || state.scenarioId !== event.scenarioId) return
    switch (event.type) {
      case 'connection':
        workspace.adoptConnection(tabId, event.connectionId)
        break
      case 'step':
        state.results[event.result.path] = event.result
        break
      case 'done':
        state.report = event.report
        state.running = false
        tabOf.delete(event.scenarioId)
        break
      default:
        event satisfies never
    }
  })

  function stateOf(tabId: TabId): ScenarioRunState {
    return (runs[tabId] ??= {
      scenarioId: null,
      running: false,
      results: {},
      report: null,
      problem: null,
    })
  }

  /** Runs the tab's scenario with its request and variables as Connect would fill them now. */
  async function run(tabId: TabId): Promise<void> {
    const tab = workspace.connectionTab(tabId)
    const state = stateOf(tabId)
    Object.assign(state, { results: {}, report: null, problem: null })
    const { request, problem } = workspace.filledRequest(tab)
    if (problem) {
      state.problem = problem
      return
    }
    try {
      state.running = true
      const { scenarioId } = await api.startScenario(
        request,
        tab.draft.scenario,
        variableRows(tab.draft.variables),
        // Kept like the tab's own connections: in its session's runs, if it has one.
        workspace.keepOptions(sessions.byId(tab.sessionId)?.id),
      )
      state.scenarioId = scenarioId
      tabOf.set(scenarioId, tabId)
    } catch (error) {
      state.running = false
      state.problem = error instanceof Error ? error.message : String(error)
    }
  }

  async function stop(tabId: TabId): Promise<void> {
    const id = runs[tabId]?.scenarioId
    if (id) await api.stopScenario(id)
  }

  /** Every variable the tab can use, as rows (the host fills sends from them). */
  function variableRows(sessionVariables: readonly KeyValueRow[]): KeyValueRow[] {
    return [...variables.tableFor(sessionVariables).values()].map((variable) => ({
      name: variable.name,
      value: variable.value,
      enabled: true,
      ...(variable.secret ? { secret: true } : {}),
    }))
  }

  /** Adds a step at the end of the tab's scenario. */
  function addStep(tabId: TabId, step: ScenarioStep): void {
    workspace.connectionTab(tabId).draft.scenario.push(step)
  }

  function reveal(tabId: TabId, seq: number): void {
    revealed.value = { tabId, seq, nonce: (revealed.value?.nonce ?? 0) + 1 }
  }

  return { runs, revealed, stateOf, run, stop, addStep, reveal }
})
