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
import { RecordingControl } from './recording-control.ts'
import { settle } from './settle.ts'

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
  | 'setRecording'
  | 'startRecording'
  | 'stopRecording'
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
  recordings: RecordingControl
  close(): void
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
  const recordings = new RecordingControl(sessions, runs, events)
  const writable = <T>(run: () => T): Promise<T> =>
    settle(() => {
      sessions.assertWritable()
      return run()
    })

  const api: SessionApi = {
    listSessions: () =>
      settle(() => {
        // The overview lets go of sessions past their undo time: their runs' journals go too.
        const overview = sessions.overview()
        if (!opened.readOnly) runs.removeOrphanJournals()
        return overview
      }),
    getSession: (id) =>
      settle(() => {
        sessions.touch(id)
        return sessions.get(id)
      }),
    saveSession: (input) => settle(() => sessions.save(input)),
    renameSession: (id, name) => settle(() => sessions.rename(id, name)),
    duplicateSession: (id) => settle(() => sessions.duplicate(id)),
    deleteSession: (id) => settle(() => sessions.delete(id)),
    restoreSession: (id) => settle(() => sessions.restore(id)),
    createFolder: (name) => settle(() => sessions.createFolder(name)),
    renameFolder: (id, name) => settle(() => sessions.renameFolder(id, name)),
    deleteFolder: (id) => settle(() => sessions.deleteFolder(id)),
    moveSession: (id, folderId) => settle(() => sessions.moveToFolder(id, folderId)),
    setRecording: (id, on) => settle(() => sessions.setRecording(id, on)),
    startRecording: (connectionId, sessionId) =>
      writable(() => recordings.start(connectionId, sessionId)),
    stopRecording: (connectionId) => settle(() => recordings.stop(connectionId)),
    listRuns: (sessionId) => settle(() => runs.list(sessionId)),
    getRunEvents: (runId, afterSeq, limit) => settle(() => runs.events(runId, afterSeq, limit)),
    deleteRun: (runId) => writable(() => runs.delete(runId)),
    listComparisons: (sessionId) =>
      settle(() => {
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
      settle(() =>
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
    getWorkspace: () => settle(() => sessions.workspace()),
    saveWorkspace: (state) => settle(() => sessions.saveWorkspace(state)),
    setPlainSecretsAllowed: (allowed) => writable(() => sessions.setPlainSecretsAllowed(allowed)),
    getVariables: () => settle(() => variables.get()),
    saveVariables: (sets) => writable(() => variables.save(sets)),
  }
  return {
    api,
    recordings,
    close() {
      recordings.stopAll()
      opened.db.close()
    },
  }
}
