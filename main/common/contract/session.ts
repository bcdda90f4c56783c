import {
  arrayOf,
  boolean,
  integer,
  literal,
  nullable,
  object,
  oneOf,
  optional,
  string,
  tagged,
  type Check,
} from './checks.ts'
import { comparisonSpec, type ComparisonSpec } from './comparison.ts'
import { authConfig } from './connection-request.ts'
import { scenarioSteps, type ScenarioStep } from './scenario.ts'
import {
  DELIVERIES,
  SSE_METHODS,
  type Delivery,
  type AuthConfig,
  type ConnectionEvent,
  type ReconnectPolicy,
  type SseMethod,
} from './connections.ts'
import type { RealtimeProtocol } from './demo-server.ts'
import { ApiError } from './errors.ts'
import { isPlainObject } from './guards.ts'

/** One row of a headers table; unchecked rows are kept but not sent; secret ones are protected. */
export interface KeyValueRow {
  name: string
  value: string
  enabled: boolean
  /** Stored encrypted, or not at all where no encryption is available. */
  secret?: boolean
}

/**
 * Everything a tab's connection editor holds: plain data, edited as typed, turned into a
 * ConnectionRequest only when connecting. Sessions store it.
 */
export interface ConnectionDraft {
  url: string
  /** null: follow the URL's scheme. */
  protocolOverride: RealtimeProtocol | null
  headers: KeyValueRow[]
  /**
   * The session's own variables (`{{name}}`): over the global ones, under the active
   * environment's. Secret ones are stored like other secrets.
   */
  variables: KeyValueRow[]
  auth: AuthConfig
  /** Auth values (token, password, key) are secrets unless the user says otherwise. */
  secretAuth: boolean
  handshakeTimeoutMs: number
  proxy: string
  verifyTls: boolean
  /**
   * Certificates: extra trusted CAs (PEM), and the client's certificate, as PEM (cert and key) or
   * a PKCS#12 bundle (base64), with its passphrase. The key, bundle and passphrase are secrets.
   */
  tls: { ca: string; cert: string; key: string; pfx: string; passphrase: string }
  delivery: Delivery
  ws: {
    /** Comma-separated, as typed. */
    subprotocols: string
    perMessageDeflate: boolean
    origin: string
    followRedirects: boolean
    autoPing: { enabled: boolean; intervalMs: number; timeoutMs: number }
    reconnect: ReconnectPolicy
  }
  sse: {
    method: SseMethod
    body: string
    contentType: string
    lastEventId: string
    /** null: the default (reconnect for GET, not for other methods). */
    reconnect: boolean | null
    browserFaithful: boolean
    /** Comma-separated event types for browser-faithful mode. */
    eventNames: string
  }
  /** The session's scenario: steps and expectations, run in the app or with `run` (may be empty). */
  scenario: ScenarioStep[]
}

export function defaultDraft(url = ''): ConnectionDraft {
  return {
    url,
    protocolOverride: null,
    headers: [],
    variables: [],
    auth: { type: 'none' },
    secretAuth: true,
    handshakeTimeoutMs: 10_000,
    proxy: '',
    verifyTls: true,
    tls: { ca: '', cert: '', key: '', pfx: '', passphrase: '' },
    delivery: 'lossless',
    ws: {
      subprotocols: '',
      perMessageDeflate: true,
      origin: '',
      followRedirects: false,
      autoPing: { enabled: false, intervalMs: 30_000, timeoutMs: 10_000 },
      reconnect: { enabled: false, maxAttempts: 10, initialDelayMs: 500, maxDelayMs: 30_000 },
    },
    sse: {
      method: 'GET',
      body: '',
      contentType: 'application/json',
      lastEventId: '',
      reconnect: null,
      browserFaithful: false,
      eventNames: '',
    },
    scenario: [],
  }
}

export type ComposerMode = 'text' | 'json' | 'hex' | 'base64'

export interface SavedMessage {
  id: string
  name: string
  mode: ComposerMode
  text: string
}

/** Where secret values go when a session is saved. */
export type SecretStorage = 'encrypted' | 'plaintext' | 'not-saved'

export interface SessionSummary {
  id: string
  name: string
  folderId: string | null
  protocol: RealtimeProtocol | null
  url: string
  createdAt: number
  updatedAt: number
  lastUsedAt: number
  runCount: number
}

export interface Session extends SessionSummary {
  draft: ConnectionDraft
  savedMessages: SavedMessage[]
  /** Secret values that could not be stored (no encryption here): the draft has them blank. */
  secretsMissing: boolean
}

export interface SessionInput {
  /** Absent: a new session. */
  id?: string
  name: string
  folderId?: string | null
  draft: ConnectionDraft
  savedMessages: SavedMessage[]
}

export interface Folder {
  id: string
  name: string
}

/** A run: one connection's journal, from its connect to its end. */
export interface RunSummary {
  id: number
  /** The session keeping it; null: the scratch journal of an unsaved tab. */
  sessionId: string | null
  protocol: RealtimeProtocol
  url: string
  startedAt: number
  /** null while its connection goes on. */
  endedAt: number | null
  messageCount: number
  bytes: number
  /** The seq of its last event kept (0 for none): events are numbered 1, 2, 3… */
  lastSeq: number
}

/** A run kept in a session (what a session's run list holds). */
export type SessionRun = RunSummary & { sessionId: string }

export interface RunEventsPage {
  events: ConnectionEvent[]
  /** Pass as `afterSeq` for the next page; null at the end. */
  nextAfterSeq: number | null
}

/** How the session store is doing, for the UI to say so. */
export interface StorageStatus {
  path: string
  /** A database written by a newer version: readable, never written. */
  readOnly: boolean
  /** Something the user should know (a damaged file moved aside...). */
  notice: string | null
  secrets: SecretStorage
  /** Whether this machine can encrypt secrets (Electron with a keyring). */
  encryptionAvailable: boolean
}

export interface SessionsOverview {
  sessions: SessionSummary[]
  folders: Folder[]
  /** Sessions deleted in the last minutes, which `restoreSession` brings back. */
  deleted: SessionSummary[]
  storage: StorageStatus
}

/** The open tabs, kept so they come back after a restart or a reload. */
export interface WorkspaceState {
  tabs: WorkspaceTabState[]
  activeIndex: number
}

/** A connection tab as kept: its draft, composer and saved messages, the connection it had. */
export interface ConnectionTabState {
  kind: 'connection'
  /** The tab's id, kept so what refers to it (a comparison) still does after a reload. */
  id?: string
  draft: ConnectionDraft
  sessionId: string | null
  composer: { mode: ComposerMode; text: string }
  savedMessages: SavedMessage[]
  /** The connection the tab had, if the app still holds it after a reload. */
  connectionId: string | null
  /** The journals of the connections its log shows, oldest first (absent before they were kept). */
  runIds?: number[]
  /** What the tab held when last saved, to mark unsaved changes. */
  savedSnapshot: string | null
  /** The request panel's height as the user dragged it (absent: fitted to its content). */
  requestHeight?: number
  /** How its log was looked at (filter, search, selection, scroll), as the renderer keeps it. */
  view?: string
}

/** A recorded run shown read-only. */
export interface RunTabState {
  kind: 'run'
  id?: string
  sessionId: string
  runId: number
  view?: string
}

/** A comparison of two logs. */
export interface CompareTabState {
  kind: 'compare'
  id?: string
  spec: ComparisonSpec
  /** The session it is saved with, and as which saved comparison, if it is. */
  sessionId: string | null
  comparisonId: string | null
}

export type WorkspaceTabState = ConnectionTabState | RunTabState | CompareTabState

const DEFAULTS = defaultDraft()

/**
 * A draft from storage, an import or an older version: missing fields take their defaults, and
 * every field is checked. Unknown fields are dropped.
 */
export const connectionDraft: Check<ConnectionDraft> = (value, path) => {
  if (!isPlainObject(value)) throw new ApiError('INVALID_ARGUMENT', `${path} must be an object`)
  const merged = mergeDefaults(DEFAULTS, value) as ConnectionDraft
  return draftShape(merged, path)
}

function mergeDefaults(defaults: unknown, value: unknown): unknown {
  if (!isPlainObject(defaults) || !isPlainObject(value))
    return value === undefined ? defaults : value
  const result: Record<string, unknown> = {}
  for (const key of Object.keys(defaults))
    result[key] =
      key === 'auth' ? (value[key] ?? defaults[key]) : mergeDefaults(defaults[key], value[key])
  return result
}

export const keyValueRow: Check<KeyValueRow> = object<KeyValueRow>({
  name: string,
  value: string,
  enabled: boolean,
  secret: optional(boolean),
})

const draftShape: Check<ConnectionDraft> = object<ConnectionDraft>({
  url: string,
  protocolOverride: nullable(oneOf(['ws', 'sse'])),
  headers: arrayOf(keyValueRow, 1000),
  variables: arrayOf(keyValueRow, 1000),
  auth: authConfig,
  secretAuth: boolean,
  handshakeTimeoutMs: integer(1, 600_000),
  proxy: string,
  verifyTls: boolean,
  tls: object({ ca: string, cert: string, key: string, pfx: string, passphrase: string }),
  delivery: oneOf(DELIVERIES),
  ws: object({
    subprotocols: string,
    perMessageDeflate: boolean,
    origin: string,
    followRedirects: boolean,
    autoPing: object({
      enabled: boolean,
      intervalMs: integer(100, 3_600_000),
      timeoutMs: integer(100, 3_600_000),
    }),
    reconnect: object({
      enabled: boolean,
      maxAttempts: integer(0, 1_000_000),
      initialDelayMs: integer(0, 3_600_000),
      maxDelayMs: integer(0, 3_600_000),
    }),
  }),
  sse: object({
    method: oneOf(SSE_METHODS),
    body: string,
    contentType: string,
    lastEventId: string,
    reconnect: nullable(boolean),
    browserFaithful: boolean,
    eventNames: string,
  }),
  scenario: scenarioSteps,
})

export const savedMessage: Check<SavedMessage> = object<SavedMessage>({
  id: string,
  name: string,
  mode: oneOf(['text', 'json', 'hex', 'base64']),
  text: string,
})

export const sessionInput: Check<SessionInput> = object<SessionInput>({
  id: optional(string),
  name: string,
  folderId: optional(nullable(string)),
  draft: connectionDraft,
  savedMessages: arrayOf(savedMessage, 10_000),
})

/** A tab's view state is a few hundred characters; far more is not one. */
const VIEW_STATE_CHARS = 64 * 1024

const boundedString =
  (max: number): Check<string> =>
  (value, path) => {
    const text = string(value, path)
    if (text.length > max)
      throw new ApiError('INVALID_ARGUMENT', `${path} is longer than ${max} characters`)
    return text
  }

const connectionTabState: Check<ConnectionTabState> = object<ConnectionTabState>({
  kind: literal('connection'),
  id: optional(string),
  draft: connectionDraft,
  sessionId: nullable(string),
  composer: object({ mode: oneOf(['text', 'json', 'hex', 'base64']), text: string }),
  savedMessages: arrayOf(savedMessage, 10_000),
  connectionId: nullable(string),
  runIds: optional(arrayOf(integer(1, Number.MAX_SAFE_INTEGER), 100_000)),
  savedSnapshot: nullable(string),
  requestHeight: optional(integer(40, 10_000)),
  view: optional(boundedString(VIEW_STATE_CHARS)),
})

/** Run tabs as kept now, or as an earlier version kept them (with a connection tab's fields). */
const runTabState: Check<RunTabState> = (value, path) => {
  const tab = isPlainObject(value) ? value : {}
  const id = optional(string)(tab.id, `${path}.id`)
  return {
    kind: 'run',
    ...(id !== undefined ? { id } : {}),
    sessionId: string(tab.sessionId, `${path}.sessionId`),
    runId: integer(1, Number.MAX_SAFE_INTEGER)(tab.runId, `${path}.runId`),
    ...(typeof tab.view === 'string' && tab.view.length <= VIEW_STATE_CHARS
      ? { view: tab.view }
      : {}),
  }
}

const compareTabState: Check<CompareTabState> = object<CompareTabState>({
  kind: literal('compare'),
  id: optional(string),
  spec: comparisonSpec,
  sessionId: nullable(string),
  comparisonId: nullable(string),
})

export const workspaceTabState: Check<WorkspaceTabState> = tagged<WorkspaceTabState, 'kind'>(
  'kind',
  { connection: connectionTabState, run: runTabState, compare: compareTabState },
)

export const workspaceState: Check<WorkspaceState> = object<WorkspaceState>({
  tabs: arrayOf(workspaceTabState, 500),
  activeIndex: integer(-1, 500),
})
