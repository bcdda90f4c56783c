import { randomUUID } from 'node:crypto'
import type { DatabaseSync } from 'node:sqlite'
import {
  ApiError,
  type ConnectionDraft,
  type Folder,
  type SavedMessage,
  type Session,
  type SessionInput,
  type SessionsOverview,
  type SecretStorage,
  type SessionSummary,
  type StorageStatus,
  type WorkspaceState,
  type WorkspaceTabState,
} from '#common/contract/index.ts'
import { inferProtocol } from '#common/contract/connection-request.ts'
import { connectionDraft, workspaceTabState } from '#common/contract/session.ts'
import type { OpenedDatabase } from './database.ts'
import { mergeSecrets, splitSecrets } from '#common/contract/draft-secrets.ts'
import { readAppState, writeAppState, type AppStateKey } from './app-state.ts'
import { openSecrets, sealSecrets, secretStorage, type SecretCodec } from './secrets.ts'

/** Deleted sessions stay restorable (undo) this long, then go for good. */
const UNDO_WINDOW_MS = 10 * 60 * 1000

interface SessionRow {
  id: string
  name: string
  folder_id: string | null
  protocol: string | null
  url: string
  draft: string
  saved_messages: string
  secrets: string | null
  secrets_missing: number
  recording: number
  created_at: number
  updated_at: number
  last_used_at: number
  run_count: number
}

/**
 * Sessions, folders and the saved workspace, in the session database. Secret values go through
 * the codec: sealed where the platform can encrypt, in plain text only if the user allowed it,
 * otherwise not written at all.
 */
export class SessionStore {
  readonly #db: DatabaseSync
  readonly #opened: OpenedDatabase
  readonly #codec: SecretCodec
  readonly #now: () => number

  constructor(opened: OpenedDatabase, codec: SecretCodec, now: () => number = Date.now) {
    this.#opened = opened
    this.#db = opened.db
    this.#codec = codec
    this.#now = now
    if (!opened.readOnly) {
      this.#db.prepare('DELETE FROM sessions WHERE deleted_at IS NOT NULL').run()
    }
  }

  get db(): DatabaseSync {
    return this.#db
  }

  status(): StorageStatus {
    return {
      path: this.#opened.path,
      readOnly: this.#opened.readOnly,
      notice: this.#opened.notice,
      secrets: this.secretStorage(),
      encryptionAvailable: this.#codec.available,
    }
  }

  /** Refuses any change to a database a newer version wrote. */
  assertWritable(): void {
    if (this.#opened.readOnly) {
      throw new ApiError(
        'READ_ONLY',
        'The session database was written by a newer version of the app: it is open read-only and cannot be changed',
      )
    }
  }

  overview(): SessionsOverview {
    if (!this.#opened.readOnly) {
      this.#db
        .prepare('DELETE FROM sessions WHERE deleted_at < ?')
        .run(this.#now() - UNDO_WINDOW_MS)
    }
    const rows = this.#db
      .prepare(
        `SELECT s.*, (SELECT count(*) FROM runs r WHERE r.session_id = s.id) AS run_count FROM sessions s ORDER BY s.last_used_at DESC`,
      )
      .all() as unknown as (SessionRow & { deleted_at: number | null })[]
    const folders = this.#db
      .prepare('SELECT id, name FROM folders ORDER BY name COLLATE NOCASE')
      .all() as unknown as Folder[]
    return {
      sessions: rows.filter((row) => row.deleted_at === null).map(summaryOf),
      deleted: rows.filter((row) => row.deleted_at !== null).map(summaryOf),
      folders,
      storage: this.status(),
    }
  }

  get(id: string): Session {
    const row = this.#row(id)
    const stored = connectionDraft(JSON.parse(row.draft), 'draft')
    return {
      ...summaryOf(row),
      draft: mergeSecrets(stored, openSecrets(row.secrets, this.#codec)),
      savedMessages: JSON.parse(row.saved_messages) as SavedMessage[],
      secretsMissing: row.secrets_missing === 1,
    }
  }

  /** Creates a session (no id) or updates one; returns its summary. */
  save(input: SessionInput): SessionSummary {
    this.assertWritable()
    const now = this.#now()
    const { draft, secrets, missing } = this.#protect(input.draft)
    const fields = {
      name: input.name.trim() || 'Untitled session',
      protocol: draft.protocolOverride ?? inferProtocol(draft.url),
      url: draft.url,
      draft: JSON.stringify(draft),
      saved_messages: JSON.stringify(input.savedMessages),
      secrets,
      secrets_missing: missing ? 1 : 0,
    }
    if (input.id !== undefined) {
      this.#row(input.id)
      this.#db
        .prepare(
          `UPDATE sessions SET name = :name, protocol = :protocol, url = :url, draft = :draft, saved_messages = :saved_messages,
             secrets = :secrets, secrets_missing = :secrets_missing, updated_at = :now, last_used_at = :now
             ${input.folderId !== undefined ? ', folder_id = :folder_id' : ''}
           WHERE id = :id`,
        )
        .run({
          ...fields,
          now,
          id: input.id,
          ...(input.folderId !== undefined ? { folder_id: input.folderId } : {}),
        })
      return summaryOf(this.#row(input.id))
    }
    const id = randomUUID()
    this.#db
      .prepare(
        `INSERT INTO sessions (id, name, folder_id, protocol, url, draft, saved_messages, secrets, secrets_missing, created_at, updated_at, last_used_at)
         VALUES (:id, :name, :folder_id, :protocol, :url, :draft, :saved_messages, :secrets, :secrets_missing, :now, :now, :now)`,
      )
      .run({ ...fields, id, folder_id: input.folderId ?? null, now })
    return summaryOf(this.#row(id))
  }

  rename(id: string, name: string): void {
    this.#update(
      id,
      'UPDATE sessions SET name = ?, updated_at = ? WHERE id = ?',
      name.trim() || 'Untitled session',
      this.#now(),
      id,
    )
  }

  duplicate(id: string): SessionSummary {
    const session = this.get(id)
    return this.save({
      name: `${session.name} copy`,
      folderId: session.folderId,
      draft: session.draft,
      savedMessages: session.savedMessages,
    })
  }

  /** Marks deleted; `restore` undoes it for a while (its runs stay until then). */
  delete(id: string): void {
    this.#update(id, 'UPDATE sessions SET deleted_at = ? WHERE id = ?', this.#now(), id)
  }

  restore(id: string): void {
    this.#update(id, 'UPDATE sessions SET deleted_at = NULL WHERE id = ?', id)
  }

  /** Records that the session was opened or connected: the list is sorted by last use. */
  /** Whether session `id` is there (and not deleted). */
  exists(id: string): boolean {
    return (
      this.#db.prepare('SELECT 1 FROM sessions WHERE id = ? AND deleted_at IS NULL').get(id) !==
      undefined
    )
  }

  touch(id: string): void {
    if (!this.#opened.readOnly)
      this.#db.prepare('UPDATE sessions SET last_used_at = ? WHERE id = ?').run(this.#now(), id)
  }

  moveToFolder(id: string, folderId: string | null): void {
    if (folderId !== null) this.#folder(folderId)
    this.#update(id, 'UPDATE sessions SET folder_id = ? WHERE id = ?', folderId, id)
  }

  createFolder(name: string): Folder {
    this.assertWritable()
    const folder = { id: randomUUID(), name: name.trim() || 'New folder' }
    this.#db
      .prepare('INSERT INTO folders (id, name, created_at) VALUES (?, ?, ?)')
      .run(folder.id, folder.name, this.#now())
    return folder
  }

  renameFolder(id: string, name: string): void {
    this.assertWritable()
    this.#folder(id)
    this.#db
      .prepare('UPDATE folders SET name = ? WHERE id = ?')
      .run(name.trim() || 'New folder', id)
  }

  /** Deletes a folder; its sessions stay, outside any folder. */
  deleteFolder(id: string): void {
    this.assertWritable()
    this.#folder(id)
    this.#db.prepare('DELETE FROM folders WHERE id = ?').run(id)
  }

  workspace(): WorkspaceState | null {
    const value = readAppState(this.#db, 'workspace')
    if (value === null) return null
    const stored = JSON.parse(value) as {
      state: { tabs: unknown[]; activeIndex: number }
      secrets: (string | null)[]
    }
    // Each tab is checked on its own: one an earlier version kept differently, or one damaged, is
    // left out rather than losing the others.
    const tabs: WorkspaceTabState[] = []
    stored.state.tabs.forEach((value, index) => {
      let tab: WorkspaceTabState
      try {
        tab = workspaceTabState(value, `workspace.tabs[${index}]`)
      } catch {
        return
      }
      if (tab.kind === 'connection')
        tab.draft = mergeSecrets(tab.draft, openSecrets(stored.secrets[index] ?? null, this.#codec))
      tabs.push(tab)
    })
    return { tabs, activeIndex: Math.min(stored.state.activeIndex, tabs.length - 1) }
  }

  saveWorkspace(state: WorkspaceState): void {
    if (this.#opened.readOnly) return
    const secrets: (string | null)[] = []
    const tabs = state.tabs.map((tab) => {
      if (tab.kind !== 'connection') {
        secrets.push(null)
        return tab
      }
      const protectedDraft = this.#protect(tab.draft)
      secrets.push(protectedDraft.secrets)
      return { ...tab, draft: protectedDraft.draft }
    })
    this.#setState('workspace', JSON.stringify({ state: { ...state, tabs }, secrets }))
  }

  /** Lets secret values be written unencrypted where no encryption is available (an opt-in). */
  setPlainSecretsAllowed(allowed: boolean): void {
    this.#setState('plain_secrets', allowed ? '1' : '0')
  }

  /** Where secret values go when something is saved now. */
  secretStorage(): SecretStorage {
    return secretStorage(this.#codec, readAppState(this.#db, 'plain_secrets') === '1')
  }

  #protect(draft: ConnectionDraft): {
    draft: ConnectionDraft
    secrets: string | null
    missing: boolean
  } {
    const split = splitSecrets(draft)
    const storage = this.secretStorage()
    const secrets = sealSecrets(split.secrets, storage, this.#codec)
    return {
      draft: split.draft,
      secrets,
      missing: secrets === null && Object.keys(split.secrets).length > 0,
    }
  }

  #setState(key: AppStateKey, value: string): void {
    this.assertWritable()
    writeAppState(this.#db, key, value)
  }

  #row(id: string): SessionRow {
    const row = this.#db
      .prepare(
        `SELECT s.*, (SELECT count(*) FROM runs r WHERE r.session_id = s.id) AS run_count FROM sessions s WHERE s.id = ?`,
      )
      .get(id) as SessionRow | undefined
    if (!row) throw new ApiError('NOT_FOUND', `There is no session ${JSON.stringify(id)}`)
    return row
  }

  #folder(id: string): void {
    if (!this.#db.prepare('SELECT 1 FROM folders WHERE id = ?').get(id)) {
      throw new ApiError('NOT_FOUND', `There is no folder ${JSON.stringify(id)}`)
    }
  }

  #update(id: string, sql: string, ...params: (string | number | null)[]): void {
    this.assertWritable()
    this.#row(id)
    this.#db.prepare(sql).run(...params)
  }
}

function summaryOf(row: SessionRow): SessionSummary {
  return {
    id: row.id,
    name: row.name,
    folderId: row.folder_id,
    protocol: row.protocol === 'ws' || row.protocol === 'sse' ? row.protocol : null,
    url: row.url,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastUsedAt: row.last_used_at,
    runCount: row.run_count,
  }
}
