import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'
import {
  ApiError,
  type CompareSourceRef,
  type Folder,
  type JournalSettings,
  type SessionRun,
  type SessionInput,
  type SessionsOverview,
  type SessionSummary,
} from '#common/contract/index.ts'
import { useAppBridge } from '../bridge/injection.ts'
import { download } from '../features/message-log/export-log.ts'
import { useToastStore } from './toasts.ts'

/** The saved sessions, their folders and recorded runs, as the sidebar shows them. */
export const useSessionStore = defineStore('sessions', () => {
  const { api } = useAppBridge()
  const toasts = useToastStore()
  const overview = ref<SessionsOverview | null>(null)
  const loadError = ref<string | null>(null)
  const query = ref('')
  /** Runs of the sessions whose run list was opened (or that recorded since). */
  const runs = reactive<Record<string, SessionRun[]>>({})
  const pendingRunDeletes = reactive(new Set<number>())

  // What the host did on its own (let go of old journals...) is said once, as news.
  api.on('notice', ({ message }) => toasts.show(message))
  api.on('sessionRuns', ({ sessionId }) => {
    void refresh()
    if (sessionId in runs) void loadRuns(sessionId)
  })

  const sessions = computed(() =>
    [...(overview.value?.sessions ?? [])].sort((a, b) => b.lastUsedAt - a.lastUsedAt),
  )
  const folders = computed<Folder[]>(() =>
    [...(overview.value?.folders ?? [])].sort((a, b) => a.name.localeCompare(b.name)),
  )
  const storage = computed(() => overview.value?.storage ?? null)
  const readOnly = computed(() => storage.value?.readOnly ?? false)

  /** The sessions whose name or URL holds every word of the search. */
  const matching = computed(() => {
    const words = query.value.toLowerCase().split(/\s+/).filter(Boolean)
    if (words.length === 0) return sessions.value
    return sessions.value.filter((session) => {
      const haystack = `${session.name} ${session.url}`.toLowerCase()
      return words.every((word) => haystack.includes(word))
    })
  })

  function byId(id: string | null): SessionSummary | undefined {
    return id === null ? undefined : overview.value?.sessions.find((session) => session.id === id)
  }

  async function refresh(): Promise<void> {
    try {
      overview.value = await api.listSessions()
      loadError.value = null
    } catch (error) {
      // A lost link is the app frame's to announce.
      if (!(error instanceof ApiError && error.code === 'TRANSPORT_CLOSED'))
        loadError.value = error instanceof Error ? error.message : String(error)
    }
  }

  /** Runs picked in the sidebar to compare (up to two), across sessions. */
  const selectedRuns = reactive<Extract<CompareSourceRef, { kind: 'run' }>[]>([])

  async function loadRuns(sessionId: string): Promise<SessionRun[]> {
    runs[sessionId] = await api.listRuns(sessionId)
    return runs[sessionId]
  }

  async function save(input: SessionInput): Promise<SessionSummary> {
    const summary = await api.saveSession(input)
    await refresh()
    return summary
  }

  /** Runs an action the user took: the list refreshed after, or a toast saying what failed. */
  async function attempt<T>(what: string, action: () => Promise<T>): Promise<T | undefined> {
    try {
      return await action()
    } catch (error) {
      toasts.error(what, error)
      return undefined
    } finally {
      await refresh()
    }
  }

  /** Unsaved tabs' journals: their budget and what they take, once asked for. */
  const journal = ref<JournalSettings | null>(null)
  async function loadJournalSettings(): Promise<void> {
    journal.value = await api.getJournalSettings()
  }
  const setJournalBudget = (bytes: number) =>
    attempt('Could not change the budget', async () => {
      await api.setJournalBudget(bytes)
      await loadJournalSettings()
    })

  const rename = (id: string, name: string) =>
    attempt('Could not rename', () => api.renameSession(id, name))
  const duplicate = (id: string) => attempt('Could not duplicate', () => api.duplicateSession(id))
  const move = (id: string, folderId: string | null) =>
    attempt('Could not move', () => api.moveSession(id, folderId))
  const createFolder = (name: string) =>
    attempt('Could not create the folder', () => api.createFolder(name))
  const renameFolder = (id: string, name: string) =>
    attempt('Could not rename the folder', () => api.renameFolder(id, name))
  const deleteFolder = (id: string) =>
    attempt('Could not delete the folder', () => api.deleteFolder(id))

  async function remove(session: SessionSummary): Promise<void> {
    const done = await attempt('Could not delete', async () => {
      await api.deleteSession(session.id)
      return true
    })
    if (done)
      toasts.show(`Deleted “${session.name}”`, {
        action: {
          label: 'Undo',
          run: async () => {
            await api.restoreSession(session.id)
            await refresh()
          },
        },
      })
  }

  /**
   * Hides a run at once and deletes it once its Undo toast has gone, so a slip costs nothing.
   * If the app closes first, the run stays.
   */
  function deleteRun(run: SessionRun): void {
    pendingRunDeletes.add(run.id)
    const timer = setTimeout(() => {
      void attempt('Could not delete the run', () => api.deleteRun(run.id)).finally(() => {
        pendingRunDeletes.delete(run.id)
        // The delete said what failed, if anything; a list that does not load now (the host is
        // not answering: the link banner says so) loads when the session is opened again.
        void loadRuns(run.sessionId).catch(() => {})
      })
    }, UNDO_MS)
    toasts.show('Deleted the recorded run', {
      action: {
        label: 'Undo',
        run: () => {
          clearTimeout(timer)
          pendingRunDeletes.delete(run.id)
        },
      },
    })
  }

  /** A session's runs as shown: without those waiting to be deleted. */
  function runsOf(sessionId: string): SessionRun[] {
    return (runs[sessionId] ?? []).filter((run) => !pendingRunDeletes.has(run.id))
  }

  async function exportToFile(session: SessionSummary): Promise<void> {
    await attempt('Could not export', async () => {
      const text = await api.exportSession(session.id)
      download(new Blob([text], { type: 'application/json' }), exportFileName(session.name))
    })
  }

  /** Imports a file chosen by the user: an exported session (JSON) or a HAR capture. */
  async function importFile(file: File): Promise<SessionSummary[]> {
    const imported = await attempt(`Could not import ${file.name}`, async () => {
      const text = await file.text()
      return api.importSessions(text, looksLikeHar(file.name, text) ? 'har' : 'json')
    })
    if (imported) {
      const names = imported.map((session) => `“${session.name}”`).join(', ')
      toasts.show(
        imported.length === 0
          ? `${file.name} holds no WebSocket connections to import`
          : `Imported ${names}`,
      )
    }
    return imported ?? []
  }

  async function setPlainSecretsAllowed(allowed: boolean): Promise<void> {
    await attempt('Could not change how secrets are kept', () =>
      api.setPlainSecretsAllowed(allowed),
    )
  }

  return {
    overview,
    loadError,
    query,
    runs,
    selectedRuns,
    sessions,
    folders,
    storage,
    readOnly,
    matching,
    byId,
    refresh,
    loadRuns,
    save,
    rename,
    duplicate,
    move,
    remove,
    createFolder,
    renameFolder,
    deleteFolder,
    deleteRun,
    runsOf,
    exportToFile,
    importFile,
    setPlainSecretsAllowed,
    journal,
    loadJournalSettings,
    setJournalBudget,
  }
})

/** How long an Undo stays on offer before a run is really deleted. */
const UNDO_MS = 6_500

/** A HAR file by its extension, else by its shape: `{"log": {...}}`. */
function looksLikeHar(fileName: string, text: string): boolean {
  if (/\.har$/i.test(fileName)) return true
  return /^\s*\{\s*"log"\s*:/.test(text)
}

function exportFileName(name: string): string {
  const safe = name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'session'
  return `${safe}.session.json`
}
