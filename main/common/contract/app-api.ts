import type { AppInfo } from './app-info.ts'
import {
  arrayOf,
  integer,
  nullable,
  object,
  oneOf,
  optional,
  params,
  string,
  tagged,
  literal,
  boolean,
  type Check,
} from './checks.ts'
import {
  savedComparisonInput,
  type SavedComparison,
  type SavedComparisonInput,
} from './comparison.ts'
import { connectionRequest } from './connection-request.ts'
import type {
  ConnectionId,
  ConnectionRequest,
  ConnectionSnapshot,
  OutgoingMessage,
  StoredMessage,
} from './connections.ts'
import type { DemoServerEvent, DemoServerStatus, RunningDemoServerStatus } from './demo-server.ts'
import {
  keyValueRow,
  sessionInput,
  workspaceState,
  type KeyValueRow,
  type Folder,
  type RunEventsPage,
  type RunSummary,
  type SessionRun,
  type Session,
  type SessionInput,
  type SessionsOverview,
  type SessionSummary,
  type WorkspaceState,
} from './session.ts'
import { variableSets, type VariableSets } from './variables.ts'
import { scenarioSteps, type ScenarioEvent, type ScenarioStep } from './scenario.ts'
import { expectArgCount, noArgs, optionsArg, portValue, type ArgsGuard } from './guards.ts'

export interface StartDemoServerOptions {
  /** Default 8080, or a free port when 8080 is taken; 0 always asks for a free port. */
  port?: number
  /** Streams and sockets open at once; past it, 503 (default 512). */
  maxClients?: number
  /**
   * Origins (`https://host[:port]`, or `*`) whose web pages may open the WebSockets, besides pages
   * on this machine and clients that send no Origin.
   */
  allowOrigins?: string[]
}

/**
 * The whole API the renderer (or any client) may call, declared once. Every method returns a
 * promise of plain JSON data and fails with `ApiError`.
 */
export interface AppApi {
  /** Name, version and shell of the running app, and the runtime versions where known. */
  getAppInfo(): Promise<AppInfo>

  /** Starts the built-in demo server (or returns it, if it already runs as asked). */
  startDemoServer(options?: StartDemoServerOptions): Promise<RunningDemoServerStatus>
  /** Stops the demo server, closing its clients cleanly; does nothing if it is not running. */
  stopDemoServer(): Promise<void>
  /** Whether the demo server runs, where, its endpoints and its clients per endpoint. */
  getDemoServerStatus(): Promise<DemoServerStatus>

  /**
   * Opens a connection and returns at once, `connecting`; how it goes arrives as `connection` and
   * `messages` events. Fails only for a request that cannot be tried (INVALID_URL...).
   */
  connect(request: ConnectionRequest, options?: ConnectOptions): Promise<ConnectionSnapshot>
  /** Closes a connection, with a close code and reason on a WebSocket. */
  disconnect(id: ConnectionId, code?: number, reason?: string): Promise<void>
  /** Sends on an open WebSocket; INVALID_PAYLOAD if the message is not what its kind says. */
  send(id: ConnectionId, message: OutgoingMessage): Promise<{ seq: number; size: number }>
  /** Sends a WebSocket ping, with optional text data. */
  ping(id: ConnectionId, data?: string): Promise<{ seq: number }>
  listConnections(): Promise<ConnectionSnapshot[]>
  /** The whole of a message that travelled as a preview (over 64 KiB). */
  getMessage(id: ConnectionId, seq: number): Promise<StoredMessage>
  /**
   * Tells the app every `messages` batch of a connection up to number `batch` was taken in, so the
   * live stream keeps flowing.
   */
  ackMessages(id: ConnectionId, batch: number): Promise<void>
  /** Closes a connection if needed and forgets it (its tab was closed). */
  removeConnection(id: ConnectionId): Promise<void>

  /** The saved sessions, folders, recently deleted sessions, and how storage is doing. */
  listSessions(): Promise<SessionsOverview>
  /** A session whole: its draft (secrets restored where they could be), saved messages. */
  getSession(id: string): Promise<Session>
  /** Creates a session (no id) or updates one. */
  saveSession(input: SessionInput): Promise<SessionSummary>
  renameSession(id: string, name: string): Promise<void>
  duplicateSession(id: string): Promise<SessionSummary>
  /** Deletes a session; `restoreSession` undoes it for a few minutes. */
  deleteSession(id: string): Promise<void>
  restoreSession(id: string): Promise<void>
  createFolder(name: string): Promise<Folder>
  renameFolder(id: string, name: string): Promise<void>
  /** Deletes a folder; its sessions stay, outside any folder. */
  deleteFolder(id: string): Promise<void>
  moveSession(id: string, folderId: string | null): Promise<void>
  /**
   * Keeps runs (a tab's connections' journals) in session `sessionId`, or (null) makes them an
   * unsaved tab's scratch journals again: one call for all of them.
   */
  keepRuns(runIds: number[], sessionId: string | null): Promise<void>
  /** The runs of `runIds` still kept (scratch ones too), in that order; the others are gone. */
  getRuns(runIds: number[]): Promise<RunSummary[]>
  /**
   * Searches the journal rows of `ranges` (taken in order, numbered from 0) for `query`, in the
   * host: hits arrive as `journalSearch` events, in order, a slice at a time, until one says done.
   * INVALID_ARGUMENT for an expression that is not one. A new search with the same id replaces it.
   */
  searchJournal(searchId: string, ranges: JournalRange[], query: JournalQuery): Promise<void>
  /**
   * Counts the journal rows of `ranges` a log filter lets through, in the host: the count so far
   * arrives as `journalCount` events until one says done. Stopped with `cancelJournalSearch`.
   */
  countJournal(countId: string, ranges: JournalRange[], filter: JournalFilter): Promise<void>
  cancelJournalSearch(searchId: string): Promise<void>
  /** Unsaved tabs' journals: their budget on disk, and what they take now. */
  getJournalSettings(): Promise<JournalSettings>
  /** Past this, the oldest unsaved tabs' journals are let go (with a notice). */
  setJournalBudget(bytes: number): Promise<void>
  listRuns(sessionId: string): Promise<SessionRun[]>
  /** A page of a run's events, after `afterSeq` (0 for the start); a live run's to its latest. */
  getRunEvents(runId: number, afterSeq: number, limit: number): Promise<RunEventsPage>
  deleteRun(runId: number): Promise<void>
  /** The comparisons saved with a session, newest first. */
  listComparisons(sessionId: string): Promise<SavedComparison[]>
  /** Saves a comparison with a session: new without an id, else an update of that one. */
  saveComparison(sessionId: string, comparison: SavedComparisonInput): Promise<SavedComparison>
  deleteComparison(id: string): Promise<void>
  /** A session as one JSON file: settings, saved messages, runs; secrets left out. */
  exportSession(id: string): Promise<string>
  /** Imports an exported session, or the WebSocket entries of a HAR file; all or nothing. */
  importSessions(text: string, format: 'json' | 'har'): Promise<SessionSummary[]>
  /** The open tabs as last saved, to bring them back. */
  getWorkspace(): Promise<WorkspaceState | null>
  saveWorkspace(state: WorkspaceState): Promise<void>
  /** Where no encryption is available: whether secret values may be written in plain text. */
  setPlainSecretsAllowed(allowed: boolean): Promise<void>
  /**
   * Runs a scenario: each connect step opens a connection of `request` (shown like any other, its
   * id in a `scenario` event), `{{names}}` in sends are filled from `variables` and the captures,
   * and each step's result and the report arrive as `scenario` events. Returns its id at once.
   */
  startScenario(
    request: ConnectionRequest,
    steps: ScenarioStep[],
    variables: KeyValueRow[],
    options?: ConnectOptions,
  ): Promise<{ scenarioId: string }>
  /** Stops a running scenario: the step under way fails as stopped, its connection closes. */
  stopScenario(scenarioId: string): Promise<void>
  /** The global variables and the environments (secret values restored where they could be). */
  getVariables(): Promise<VariableSets>
  /** Replaces the global variables and the environments; secret values are stored as secrets. */
  saveVariables(sets: VariableSets): Promise<void>
}

export interface ConnectOptions {
  /** Keeps the connection's journal in this session's runs (else it is an unsaved tab's). */
  keepIn?: string
}

/** Events `fromSeq`…`toSeq` of run `runId`. */
export interface JournalRange {
  runId: number
  fromSeq: number
  toSeq: number
}

/** What the search box asks: plain text (any case) or a regular expression. */
export interface JournalQuery {
  text: string
  regex: boolean
}

/** A log view's filter, as the host applies it to journal rows (see the log's filter). */
export interface JournalFilter {
  directions: ('in' | 'out' | 'lifecycle')[]
  /** text, binary, sse-event, sse-comment, sse-retry, ping-pong, lifecycle */
  kinds: string[]
  /** SSE events of these types only (empty: every type). */
  eventTypes: string[]
  /** Closes with these codes only (empty: every close). */
  closeCodes: number[]
}

/** A journal count's progress: rows the filter let through so far. */
export interface JournalCountEvent {
  countId: string
  matched: number
  scanned: number
  total: number
  done: boolean
}

/** A journal search's progress: hits so far (row numbers in its ranges), in order. */
export interface JournalSearchEvent {
  searchId: string
  hits: number[]
  /** Rows read so far, of `total`. */
  scanned: number
  total: number
  done: boolean
}

export interface JournalSettings {
  /** What unsaved tabs' journals may take on disk before the oldest go. */
  budgetBytes: number
  /** What they take now. */
  scratchBytes: number
}

/** Events the app pushes to every client: name → payload. */
export interface AppEvents {
  demoServer: DemoServerEvent
  /** A connection's snapshot, whenever its state changes. */
  connection: ConnectionSnapshot
  /**
   * A batch of a connection's events in the binary format of main/common/batch (`readBatch`);
   * acknowledge them with `ackMessages` (up to a batch number) to keep the stream flowing.
   */
  messages: Uint8Array
  /** A session's runs changed: one started, ended, or was kept in it. */
  sessionRuns: { sessionId: string }
  /** Something the host did on its own that the user should hear of (a journal let go...). */
  notice: { message: string }
  /** A journal search's hits so far (see `searchJournal`). */
  journalSearch: JournalSearchEvent
  /** A journal count's progress (see `countJournal`). */
  journalCount: JournalCountEvent
  /** A running scenario's connections, step results and report. */
  scenario: ScenarioEvent
}

export type AppApiMethod = keyof AppApi

const journalRange = object<JournalRange>({
  runId: integer(1, Number.MAX_SAFE_INTEGER),
  fromSeq: integer(1, Number.MAX_SAFE_INTEGER),
  toSeq: integer(0, Number.MAX_SAFE_INTEGER),
})

/**
 * One argument guard per method. `satisfies` makes a missing or an extra method a compile error, so
 * the runtime allowlist below cannot drift from the `AppApi` type.
 */
export const appApiGuards = {
  getAppInfo: noArgs,
  startDemoServer: (method, args) => {
    expectArgCount(method, args, 0, 1)
    const options = optionsArg(method, args[0], ['port', 'maxClients', 'allowOrigins'])
    const checked: StartDemoServerOptions = {}
    if (options.port !== undefined) checked.port = portValue(method, options.port)
    if (options.maxClients !== undefined)
      checked.maxClients = integer(1, 100_000)(options.maxClients, `${method}(): maxClients`)
    if (options.allowOrigins !== undefined)
      checked.allowOrigins = arrayOf(string, 64)(options.allowOrigins, `${method}(): allowOrigins`)
    return [checked]
  },
  stopDemoServer: noArgs,
  getDemoServerStatus: noArgs,
  connect: params(
    [
      ['request', connectionRequest],
      ['options', optional(object<ConnectOptions>({ keepIn: optional(string) }))],
    ],
    1,
  ),
  disconnect: params(
    [
      ['id', string],
      ['code', optional(integer(0, 65_535))],
      ['reason', optional(string)],
    ],
    1,
  ),
  send: params([
    ['id', string],
    ['message', outgoingMessage()],
  ]),
  ping: params(
    [
      ['id', string],
      ['data', optional(string)],
    ],
    1,
  ),
  listConnections: noArgs,
  getMessage: params([
    ['id', string],
    ['seq', integer(1, Number.MAX_SAFE_INTEGER)],
  ]),
  ackMessages: params([
    ['id', string],
    ['batch', integer(1, Number.MAX_SAFE_INTEGER)],
  ]),
  removeConnection: params([['id', string]]),
  listSessions: noArgs,
  getSession: params([['id', string]]),
  saveSession: params([['session', sessionInput]]),
  renameSession: params([
    ['id', string],
    ['name', string],
  ]),
  duplicateSession: params([['id', string]]),
  deleteSession: params([['id', string]]),
  restoreSession: params([['id', string]]),
  createFolder: params([['name', string]]),
  renameFolder: params([
    ['id', string],
    ['name', string],
  ]),
  deleteFolder: params([['id', string]]),
  moveSession: params([
    ['id', string],
    ['folderId', nullable(string)],
  ]),
  keepRuns: params([
    ['runIds', arrayOf(integer(1, Number.MAX_SAFE_INTEGER), 100_000)],
    ['sessionId', nullable(string)],
  ]),
  getRuns: params([['runIds', arrayOf(integer(1, Number.MAX_SAFE_INTEGER), 100_000)]]),
  searchJournal: params([
    ['searchId', string],
    ['ranges', arrayOf(journalRange, 100_000)],
    ['query', object<JournalQuery>({ text: string, regex: boolean })],
  ]),
  countJournal: params([
    ['countId', string],
    ['ranges', arrayOf(journalRange, 100_000)],
    [
      'filter',
      object<JournalFilter>({
        directions: arrayOf(oneOf(['in', 'out', 'lifecycle']), 3),
        kinds: arrayOf(string, 16),
        eventTypes: arrayOf(string, 1_000),
        closeCodes: arrayOf(integer(0, 65_535), 1_000),
      }),
    ],
  ]),
  cancelJournalSearch: params([['searchId', string]]),
  getJournalSettings: noArgs,
  setJournalBudget: params([['bytes', integer(1024 ** 2, Number.MAX_SAFE_INTEGER)]]),
  listRuns: params([['sessionId', string]]),
  getRunEvents: params([
    ['runId', integer(1, Number.MAX_SAFE_INTEGER)],
    ['afterSeq', integer(0, Number.MAX_SAFE_INTEGER)],
    ['limit', integer(1, 10_000)],
  ]),
  deleteRun: params([['runId', integer(1, Number.MAX_SAFE_INTEGER)]]),
  listComparisons: params([['sessionId', string]]),
  saveComparison: params([
    ['sessionId', string],
    ['comparison', savedComparisonInput],
  ]),
  deleteComparison: params([['id', string]]),
  exportSession: params([['id', string]]),
  importSessions: params([
    ['text', string],
    ['format', oneOf(['json', 'har'])],
  ]),
  getWorkspace: noArgs,
  saveWorkspace: params([['state', workspaceState]]),
  setPlainSecretsAllowed: params([['allowed', boolean]]),
  startScenario: params(
    [
      ['request', connectionRequest],
      ['steps', scenarioSteps],
      ['variables', arrayOf(keyValueRow, 10_000)],
      ['options', optional(object<ConnectOptions>({ keepIn: optional(string) }))],
    ],
    3,
  ),
  stopScenario: params([['scenarioId', string]]),
  getVariables: noArgs,
  saveVariables: params([['sets', variableSets]]),
} satisfies { [M in AppApiMethod]: ArgsGuard<Parameters<AppApi[M]>> }

/** The runtime allowlist of methods, derived from `appApiGuards`. */
export const APP_API_METHODS = Object.freeze(Object.keys(appApiGuards) as AppApiMethod[])

function outgoingMessage(): Check<OutgoingMessage> {
  return tagged<OutgoingMessage, 'kind'>('kind', {
    text: object({ kind: literal('text'), text: string }),
    json: object({ kind: literal('json'), text: string, compact: optional(boolean) }),
    binary: object({ kind: literal('binary'), encoding: oneOf(['hex', 'base64']), data: string }),
  })
}
