import type { DatabaseSync } from 'node:sqlite'
import {
  ApiError,
  type ConnectionDraft,
  type ConnectionEvent,
  type RealtimeProtocol,
  type SavedMessage,
  type SessionSummary,
} from '#common/contract/index.ts'
import {
  arrayOf,
  integer,
  object,
  oneOf,
  optional,
  string,
  type Check,
} from '#common/contract/checks.ts'
import {
  comparisonSpec,
  type CompareSourceRef,
  type ComparisonSpec,
} from '#common/contract/comparison.ts'
import { connectionDraft, savedMessage } from '#common/contract/session.ts'
import { checkJson } from '#common/payload/check-json.ts'
import { connectionEvent } from '#common/contract/event-check.ts'
import type { ComparisonStore } from './comparison-store.ts'
import type { RunStore } from './run-store.ts'
import { splitSecrets } from '#common/contract/draft-secrets.ts'
import type { SessionStore } from './session-store.ts'
import { inTransaction } from './transaction.ts'

export const EXPORT_FORMAT = 'realtime-playground/session'
export const EXPORT_VERSION = 1

/** A session read from a file, checked, ready to store. */
export interface ImportedSession {
  name: string
  draft: ConnectionDraft
  savedMessages: SavedMessage[]
  runs: ImportedRun[]
  /** Saved comparisons; a run they compare is named by its place in `runs` (1 = the first). */
  comparisons?: { name: string; spec: ComparisonSpec }[]
}

export interface ImportedRun {
  protocol: RealtimeProtocol
  url: string
  startedAt: number
  endedAt: number | null
  events: ConnectionEvent[]
}

/** A session as one JSON file (versioned schema): settings, saved messages, every run. Secrets left out. */
export function exportSession(
  sessions: SessionStore,
  runs: RunStore,
  comparisons: ComparisonStore,
  id: string,
  app: { name: string; version: string },
): string {
  const session = sessions.get(id)
  const { draft, secrets } = splitSecrets(session.draft)
  const exportedRuns = runs.list(id).reverse()
  const position = new Map(exportedRuns.map((run, index) => [run.id, index + 1]))
  const runParts = exportedRuns.map((run) => {
    const events = [...runs.allEvents(run.id)].join(',\n')
    const { protocol, url, startedAt, endedAt } = run
    return `{"protocol":${JSON.stringify(protocol)},"url":${JSON.stringify(url)},"startedAt":${startedAt},"endedAt":${endedAt},"events":[\n${events}\n]}`
  })
  const head = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date().toISOString(),
    app,
    secretsOmitted: Object.keys(secrets).length > 0,
    session: {
      name: session.name,
      draft,
      savedMessages: session.savedMessages,
    },
    comparisons: comparisons.list(id).map(({ name, spec }) => ({
      name,
      spec: {
        ...spec,
        left: portableRef(spec.left, position),
        right: portableRef(spec.right, position),
      },
    })),
  }
  // Runs are written as they are stored, not re-encoded.
  return `${JSON.stringify(head, null, 2).slice(0, -2)},\n  "runs": [\n${runParts.join(',\n')}\n]\n}\n`
}

const exportedRun: Check<Omit<ImportedRun, 'events'> & { events: unknown[] }> = object({
  protocol: oneOf(['ws', 'sse']),
  url: string,
  startedAt: (value, path) =>
    typeof value === 'number' && Number.isFinite(value)
      ? value
      : fail(`${path} must be a time in milliseconds`),
  endedAt: (value, path) =>
    value === null || (typeof value === 'number' && Number.isFinite(value))
      ? value
      : fail(`${path} must be a time or null`),
  events: arrayOf((value) => value, 10_000_000),
})

/**
 * A comparison's side as a file carries it: a run of the session by its place in the file's runs;
 * anything else (a tab, another session's run) by its name only, to pick again after importing.
 */
function portableRef(
  ref: CompareSourceRef | null,
  position: ReadonlyMap<number, number>,
): CompareSourceRef | null {
  if (ref === null) return null
  const place = ref.kind === 'run' ? position.get(ref.runId) : undefined
  return place !== undefined && ref.kind === 'run'
    ? { kind: 'run', runId: place, sessionId: '', label: ref.label }
    : { kind: 'file', label: ref.label }
}

const exportFile = object({
  format: string,
  version: integer(1, Number.MAX_SAFE_INTEGER),
  exportedAt: optional(string),
  app: optional((value) => value),
  secretsOmitted: optional((value) => value),
  session: object({
    name: string,
    /** Written by versions before every connection was kept; ignored. */
    recording: optional((value) => value),
    draft: connectionDraft,
    savedMessages: arrayOf(savedMessage, 10_000),
  }),
  runs: arrayOf(exportedRun, 100_000),
  comparisons: optional(arrayOf(object({ name: string, spec: comparisonSpec }), 10_000)),
})

/** Parses an exported session; every problem is INVALID_IMPORT with where it is. */
export function parseSessionExport(text: string): ImportedSession {
  const json = checkJson(text)
  if (!json.ok) fail(`The file is not valid JSON: ${json.message}`)
  const value = json.ok ? json.value : null
  if ((value as { format?: unknown } | null)?.format !== EXPORT_FORMAT) {
    fail(`The file is not a Realtime Playground session: its "format" is not "${EXPORT_FORMAT}"`)
  }
  const version = (value as { version?: unknown }).version
  if (typeof version === 'number' && version > EXPORT_VERSION) {
    fail(
      `The file was exported by a newer version of the app (format version ${version}; this one reads ${EXPORT_VERSION})`,
    )
  }
  const file = asImportError(() => exportFile(value, 'file'))
  return {
    name: file.session.name,
    draft: file.session.draft,
    savedMessages: file.session.savedMessages,
    comparisons: file.comparisons ?? [],
    runs: file.runs.map((run, index) => ({
      ...run,
      events: run.events.map((event, eventIndex) =>
        asImportError(() => connectionEvent(event, `file.runs[${index}].events[${eventIndex}]`)),
      ),
    })),
  }
}

/** Imports sessions with their runs, all in one transaction: nothing is half-imported. */
export function importSessions(
  db: DatabaseSync,
  stores: { sessions: SessionStore; runs: RunStore; comparisons: ComparisonStore },
  parsed: readonly ImportedSession[],
): SessionSummary[] {
  const { sessions, runs, comparisons } = stores
  sessions.assertWritable()
  const ids = inTransaction(db, () =>
    parsed.map((session) => {
      const summary = sessions.save({
        name: session.name,
        draft: session.draft,
        savedMessages: session.savedMessages,
      })
      const runIds: number[] = []
      for (const run of session.runs) {
        const runId = runs.begin(summary.id, run.protocol, run.url, run.startedAt)
        runIds.push(runId)
        runs.appendInCurrentTransaction(
          runId,
          run.events.map((event) => ({
            seq: event.seq,
            json: JSON.stringify(event),
            messageBytes: event.type === 'message' ? event.size : null,
          })),
        )
        runs.end(runId, run.endedAt ?? run.events.at(-1)?.ts ?? run.startedAt)
      }
      for (const { name, spec } of session.comparisons ?? []) {
        const local = (ref: CompareSourceRef | null): CompareSourceRef | null => {
          if (ref?.kind !== 'run') return ref
          const runId = runIds[ref.runId - 1]
          return runId === undefined
            ? { kind: 'file', label: ref.label }
            : { kind: 'run', runId, sessionId: summary.id, label: ref.label }
        }
        comparisons.save(summary.id, {
          name,
          spec: { ...spec, left: local(spec.left), right: local(spec.right) },
        })
      }
      return summary.id
    }),
  )
  const imported = sessions.overview().sessions
  return ids.map((id) => imported.find((summary) => summary.id === id)!)
}

function fail(message: string): never {
  throw new ApiError('INVALID_IMPORT', message)
}

/** Re-raises a shape check's INVALID_ARGUMENT as INVALID_IMPORT, keeping its sentence. */
function asImportError<T>(check: () => T): T {
  try {
    return check()
  } catch (error) {
    if (error instanceof ApiError && error.code === 'INVALID_ARGUMENT') fail(error.message)
    throw error
  }
}
