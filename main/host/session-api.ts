import { join } from 'node:path'
import type { AppApi, AppEvents } from '#common/contract/index.ts'
import type { EventHub } from '#common/rpc/index.ts'
import { openSessionDatabase } from '../sessions/database.ts'
import { parseHar } from '../sessions/har-import.ts'
import { ComparisonStore } from '../sessions/comparison-store.ts'
import { RunStore } from '../sessions/run-store.ts'
import type { SecretCodec } from '../sessions/secrets.ts'
import { SessionStore } from '../sessions/session-store.ts'
import { VariableStore } from '../sessions/variable-store.ts'
import { exportSession, importSessions, parseSessionExport } from '../sessions/session-transfer.ts'
import { PRODUCT } from './product.ts'
import { createJournalSearch } from './journal-search.ts'
import { Journals } from './journals.ts'
import { asPromise } from './as-promise.ts'

export type SessionApi = Pick<
  AppApi,
  | 'listSessions'
  | 'getSession'
  | 'saveSession'
  | 'renameSession'
  | 'duplicateSession'
  | 'deleteSession'
  | 'restoreSession'
  | 'createFolder'
  | 'renameFolder'
  | 'deleteFolder'
  | 'moveSession'
  | 'keepRuns'
  | 'getRuns'
  | 'getJournalSettings'
  | 'searchJournal'
  | 'cancelJournalSearch'
  | 'countJournal'
  | 'setJournalBudget'
  | 'listRuns'
  | 'getRunEvents'
  | 'deleteRun'
  | 'listComparisons'
  | 'saveComparison'
  | 'deleteComparison'
  | 'exportSession'
  | 'importSessions'
  | 'getWorkspace'
  | 'saveWorkspace'
  | 'setPlainSecretsAllowed'
  | 'getVariables'
  | 'saveVariables'
>

export interface SessionServices {
  api: SessionApi
  journals: Journals
  /** Ends the journals (what they were given is written first) and closes the database. */
  close(): Promise<void>
}

/** The session store on SQLite in `dataDir`, and the API methods over it. */
export function createSessionServices(
  dataDir: string,
  codec: SecretCodec,
  events: EventHub<AppEvents>,
): SessionServices {
  const opened = openSessionDatabase(join(dataDir, 'sessions.sqlite'))
  const sessions = new SessionStore(opened, codec)
  const runs = new RunStore(opened.db, join(dataDir, 'runs'))
  const comparisons = new ComparisonStore(opened.db)
  const variables = new VariableStore(sessions, codec)
  if (!opened.readOnly) {
    runs.closeInterruptedRuns()
    runs.removeOrphanJournals()
  }
  const journals = new Journals(sessions, runs, events)
  /** The runs the open tabs show: an unsaved tab's journal lives as long as one does. */
  const shownRuns = (): Set<number> =>
    new Set(
      (sessions.workspace()?.tabs ?? []).flatMap((tab) => {
        if (tab.kind === 'connection') return tab.runIds ?? []
        if (tab.kind === 'run') return [tab.runId]
        return [tab.spec.left, tab.spec.right].flatMap((side) =>
          side?.kind === 'run' ? [side.runId] : [],
        )
      }),
    )
  if (!opened.readOnly) journals.collect(shownRuns())
  const journalSearch = createJournalSearch(runs, (runId) => journals.drained(runId), {
    search: (event) => events.emit('journalSearch', event),
    count: (event) => events.emit('journalCount', event),
  })
  const writable = <T>(run: () => T): Promise<T> =>
    asPromise(() => {
      sessions.assertWritable()
      return run()
    })

  const api: SessionApi = {
    listSessions: () =>
      asPromise(() => {
        // The overview lets go of sessions past their undo time: their runs' journals go too.
        const overview = sessions.overview()
        if (!opened.readOnly) runs.removeOrphanJournals()
        return overview
      }),
    getSession: (id) =>
      asPromise(() => {
        sessions.touch(id)
        return sessions.get(id)
      }),
    saveSession: (input) => asPromise(() => sessions.save(input)),
    renameSession: (id, name) => asPromise(() => sessions.rename(id, name)),
    duplicateSession: (id) => asPromise(() => sessions.duplicate(id)),
    deleteSession: (id) => asPromise(() => sessions.delete(id)),
    restoreSession: (id) => asPromise(() => sessions.restore(id)),
    createFolder: (name) => asPromise(() => sessions.createFolder(name)),
    renameFolder: (id, name) => asPromise(() => sessions.renameFolder(id, name)),
    deleteFolder: (id) => asPromise(() => sessions.deleteFolder(id)),
    moveSession: (id, folderId) => asPromise(() => sessions.moveToFolder(id, folderId)),
    keepRuns: (runIds, sessionId) => writable(() => journals.keep(runIds, sessionId)),
    getRuns: async (runIds) => {
      await Promise.all(runIds.map((runId) => journals.drained(runId)))
      return asPromise(() => runs.some(runIds))
    },
    searchJournal: (searchId, ranges, query) =>
      asPromise(() => journalSearch.start(searchId, ranges, query)),
    countJournal: (countId, ranges, filter) =>
      asPromise(() => journalSearch.count(countId, ranges, filter)),
    cancelJournalSearch: (searchId) => asPromise(() => journalSearch.cancel(searchId)),
    getJournalSettings: () =>
      asPromise(() => ({
        budgetBytes: journals.budgetBytes(),
        scratchBytes: journals.scratchBytes(),
      })),
    setJournalBudget: (bytes) =>
      writable(() => {
        journals.setBudgetBytes(bytes)
        journals.collect(shownRuns())
      }),
    listRuns: (sessionId) => asPromise(() => runs.list(sessionId)),
    getRunEvents: async (runId, afterSeq, limit) => {
      // A live run's rows up to now are read: what is still being written first.
      await journals.drained(runId)
      return asPromise(() => runs.events(runId, afterSeq, limit))
    },
    deleteRun: (runId) => writable(() => runs.delete(runId)),
    listComparisons: (sessionId) =>
      asPromise(() => {
        sessions.get(sessionId)
        return comparisons.list(sessionId)
      }),
    saveComparison: (sessionId, comparison) =>
      writable(() => {
        sessions.get(sessionId)
        return comparisons.save(sessionId, comparison)
      }),
    deleteComparison: (id) => writable(() => comparisons.delete(id)),
    exportSession: (id) =>
      asPromise(() =>
        exportSession(sessions, runs, comparisons, id, {
          name: PRODUCT.name,
          version: PRODUCT.version,
        }),
      ),
    importSessions: (text, format) =>
      writable(() =>
        importSessions(
          opened.db,
          { sessions, runs, comparisons },
          format === 'har' ? parseHar(text) : [parseSessionExport(text)],
        ),
      ),
    getWorkspace: () => asPromise(() => sessions.workspace()),
    saveWorkspace: (state) =>
      asPromise(() => {
        sessions.saveWorkspace(state)
        journals.collect(shownRuns())
      }),
    setPlainSecretsAllowed: (allowed) => writable(() => sessions.setPlainSecretsAllowed(allowed)),
    getVariables: () => asPromise(() => variables.get()),
    saveVariables: (sets) => writable(() => variables.save(sets)),
  }
  return {
    api,
    journals,
    async close() {
      journalSearch.cancelAll()
      await journals.closeAll()
      opened.db.close()
    },
  }
}
