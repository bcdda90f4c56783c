import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import {
  ApiError,
  type Environment,
  type KeyValueRow,
  type VariableSets,
} from '#common/contract/index.ts'
import {
  expandTemplates,
  variableTable,
  type DynamicSources,
  type Expansion,
  type VariableTable,
} from '#common/templates/templates.ts'
import { useAppBridge } from '../bridge/injection.ts'
import { useSessionStore } from './sessions.ts'
import { useToastStore } from './toasts.ts'

/** Changes are saved this long after the last one (typing a value is many changes). */
const SAVE_DELAY_MS = 300

/** Dynamic values for a preview: plausible, and no counter moves. */
const PREVIEW_SOURCES: DynamicSources = {
  nextCounter: () => 1,
  uuid: () => '00000000-0000-4000-8000-000000000000',
  now: () => Date.now(),
  random: () => 0,
}

/**
 * The global variables, the environments and which one is in use; and filling `{{name}}` from
 * them and a session's own variables (the environment wins, then the session, then the globals).
 */
export const useVariablesStore = defineStore('variables', () => {
  const { api } = useAppBridge()
  const toasts = useToastStore()
  const sessions = useSessionStore()
  const globals = ref<KeyValueRow[]>([])
  const environments = ref<Environment[]>([])
  const activeEnvironmentId = ref<string | null>(null)
  const loaded = ref(false)
  /** The Environments dialog is open (from the picker, a session's Variables, the menu). */
  const managing = ref(false)

  const activeEnvironment = computed(
    () => environments.value.find((env) => env.id === activeEnvironmentId.value) ?? null,
  )

  async function load(): Promise<void> {
    try {
      const sets = await api.getVariables()
      globals.value = sets.globals
      environments.value = sets.environments
      activeEnvironmentId.value = sets.activeEnvironmentId
    } catch (error) {
      toasts.error('Could not load the variables', error)
    } finally {
      loaded.value = true
    }
  }

  let timer: ReturnType<typeof setTimeout> | undefined
  function save(): void {
    clearTimeout(timer)
    timer = undefined
    const sets: VariableSets = {
      globals: globals.value,
      environments: environments.value,
      activeEnvironmentId: activeEnvironmentId.value,
    }
    void api.saveVariables(sets).catch((error: unknown) => {
      // A database from a newer version is read-only: changes live until the app closes.
      if (!(error instanceof ApiError && error.code === 'READ_ONLY'))
        toasts.error('Could not save the variables', error)
    })
  }
  watch(
    [globals, environments, activeEnvironmentId],
    () => {
      if (!loaded.value) return
      clearTimeout(timer)
      timer = setTimeout(save, SAVE_DELAY_MS)
    },
    { deep: true },
  )
  // Secret values not written before (no encryption) are written once the user allows plain text.
  watch(
    () => sessions.storage?.secrets,
    (storage, before) => {
      if (loaded.value && before !== undefined && storage !== before) save()
    },
  )
  window.addEventListener('pagehide', () => {
    if (timer !== undefined) save()
  })

  function addEnvironment(name: string): Environment {
    const env: Environment = { id: crypto.randomUUID(), name, variables: [] }
    environments.value.push(env)
    return env
  }

  function duplicateEnvironment(id: string): Environment | null {
    const source = environments.value.find((env) => env.id === id)
    if (!source) return null
    const copy: Environment = {
      id: crypto.randomUUID(),
      name: `${source.name} copy`,
      variables: source.variables.map((row) => ({ ...row })),
    }
    environments.value.splice(environments.value.indexOf(source) + 1, 0, copy)
    return copy
  }

  function deleteEnvironment(id: string): void {
    environments.value = environments.value.filter((env) => env.id !== id)
    if (activeEnvironmentId.value === id) activeEnvironmentId.value = null
  }

  /** What `{{name}}` means beside a session's own variables. */
  function tableFor(sessionVariables: readonly KeyValueRow[]): VariableTable {
    return variableTable([
      { scope: 'global', rows: globals.value },
      { scope: 'session', rows: sessionVariables },
      { scope: 'environment', rows: activeEnvironment.value?.variables ?? [] },
    ])
  }

  /**
   * A filler for one request or message: fills each text, collects the secret values that went
   * in, and the first unknown name with the field it is in.
   */
  function filler(sessionVariables: readonly KeyValueRow[], sources: DynamicSources) {
    const table = tableFor(sessionVariables)
    const secrets: string[] = []
    let problem: string | null = null
    return {
      fill: (text: string, field: string): string => {
        const expansion = expandTemplates(text, table, sources)
        for (const value of expansion.secrets) if (!secrets.includes(value)) secrets.push(value)
        problem ??= expansion.unknown[0]
          ? unknownProblem(expansion.unknown[0], field, activeEnvironment.value)
          : null
        return expansion.text
      },
      secrets,
      get problem(): string | null {
        return problem
      },
    }
  }

  /** `text` as it would be filled now, without using up a counter: for checking as one types. */
  function preview(text: string, sessionVariables: readonly KeyValueRow[]): Expansion {
    return expandTemplates(text, tableFor(sessionVariables), PREVIEW_SOURCES)
  }

  return {
    preview,
    globals,
    environments,
    activeEnvironmentId,
    activeEnvironment,
    loaded,
    managing,
    load,
    addEnvironment,
    duplicateEnvironment,
    deleteEnvironment,
    tableFor,
    filler,
  }
})

function unknownProblem(name: string, field: string, env: Environment | null): string {
  const where = env ? `the “${env.name}” environment` : 'no environment'
  return `{{${name}}} in ${field} is not defined (with ${where}): add it under Variables, or pick an environment that has it`
}
