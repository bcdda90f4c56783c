import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { MIGRATIONS, type Migration } from './migrations.ts'

export interface OpenedDatabase {
  db: DatabaseSync
  path: string
  /** Written by a newer version: opened read-only, and nothing may write to it. */
  readOnly: boolean
  /** Something the user should be told, or null. */
  notice: string | null
  /** Where the copy made before migrating went, if one was made. */
  backupPath: string | null
}

export interface OpenOptions {
  migrations?: readonly Migration[]
  /** For file names: when the app opened the database. */
  now?: () => Date
}

/** `PRAGMA application_id` of this app's databases ("RPLG"): tells them from other programs'. */
export const APPLICATION_ID = 0x52504c47

/**
 * Opens (or creates) the session database, safely:
 * - a damaged file (not a database, truncated, failing its check) or another program's database
 *   is moved aside, never deleted, and a fresh store starts, with a notice saying so;
 * - an empty (0-byte) file becomes a fresh store, with a notice: something emptied it;
 * - an older schema is copied to a backup file, then migrated, one transaction per migration;
 * - a schema newer than this app knows opens read-only and is never written.
 */
export function openSessionDatabase(path: string, options: OpenOptions = {}): OpenedDatabase {
  const migrations = options.migrations ?? MIGRATIONS
  const latest = migrations.at(-1)?.version ?? 0
  const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-')
  mkdirSync(dirname(path), { recursive: true })

  let notice: string | null =
    existsSync(path) && statSync(path).size === 0
      ? `The session database ${path} was an empty file (0 bytes): whatever it held is gone. A new, empty one was started in its place.`
      : null
  let db = tryOpen(path)
  const foreign = db instanceof Error ? null : foreignTables(db)
  if (db instanceof Error || foreign !== null) {
    db = db instanceof Error ? db : (db.close(), new Error(foreign!))
    const movedTo = `${path}.${foreign === null ? 'damaged' : 'foreign'}-${stamp}`
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(path + suffix)) renameSync(path + suffix, movedTo + suffix)
    }
    notice =
      foreign === null
        ? `The session database could not be read (${db.message}). It was moved to ${movedTo} and a new, empty one was started.`
        : `The file at ${path} is not a Realtime Playground database (${foreign}). It was moved to ${movedTo}, untouched, and a new, empty one was started.`
    db = tryOpen(path)
    if (db instanceof Error) throw db
  }

  const version = userVersion(db)
  if (version > latest) {
    db.close()
    return {
      db: new DatabaseSync(path, { readOnly: true }),
      path,
      readOnly: true,
      notice: `The session database was written by a newer version of Realtime Playground (schema ${version}; this version knows ${latest}). It is open read-only: you can look, but nothing will be saved.`,
      backupPath: null,
    }
  }

  let backupPath: string | null = null
  if (version > 0 && version < latest) {
    backupPath = `${path}.backup-v${version}-${stamp}`
    // A consistent copy of the whole database, taken before anything changes.
    db.prepare('VACUUM INTO ?').run(backupPath)
  }
  // Off while migrating (it cannot change inside a transaction), so a table can be made anew
  // without its rows' cascades firing; each migration checks the keys before it commits.
  db.exec('PRAGMA foreign_keys = OFF')
  for (const migration of migrations) {
    if (migration.version <= version) continue
    db.exec('BEGIN IMMEDIATE')
    try {
      db.exec(migration.sql)
      const broken = db.prepare('PRAGMA foreign_key_check').all()
      if (broken.length > 0)
        throw new Error(`${broken.length} rows would refer to rows that are not there`)
      db.exec(`PRAGMA user_version = ${migration.version}`)
      db.exec('COMMIT')
    } catch (error) {
      db.exec('ROLLBACK')
      db.exec('PRAGMA foreign_keys = ON')
      throw new Error(
        `Migration to schema ${migration.version} (${migration.description}) failed: ${(error as Error).message}`,
        {
          cause: error,
        },
      )
    }
  }
  db.exec('PRAGMA foreign_keys = ON')
  if (applicationId(db) === 0) db.exec(`PRAGMA application_id = ${APPLICATION_ID}`)
  return { db, path, readOnly: false, notice, backupPath }
}

/**
 * Why an openable database is another program's, or null when it is ours (or new): it carries
 * another application id, or it has tables but no schema version of ours.
 */
function foreignTables(db: DatabaseSync): string | null {
  const id = applicationId(db)
  if (id !== 0 && id !== APPLICATION_ID) return `its application id is ${id}`
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as { name: string }[]
  const version = userVersion(db)
  // Before application ids, a schema version and a sessions table marked the app's own files.
  if (version > 0 && (id === APPLICATION_ID || tables.some(({ name }) => name === 'sessions')))
    return null
  return tables.length === 0 && version === 0
    ? null
    : `it has ${version > 0 ? `schema version ${version} and ` : ''}tables ${tables
        .slice(0, 5)
        .map(({ name }) => JSON.stringify(name))
        .join(', ')} that this app did not make`
}

function applicationId(db: DatabaseSync): number {
  return (db.prepare('PRAGMA application_id').get() as { application_id: number }).application_id
}

/** Opens and checks the file; a database that fails is returned as the error that says why. */
function tryOpen(path: string): DatabaseSync | Error {
  let db: DatabaseSync | null = null
  try {
    db = new DatabaseSync(path, { timeout: 5_000 })
    // WAL: readers never block the writer, and a crash loses at most the open transaction.
    db.exec('PRAGMA journal_mode = WAL')
    db.exec('PRAGMA synchronous = NORMAL')
    db.exec('PRAGMA foreign_keys = ON')
    const check = db.prepare('PRAGMA quick_check').all() as { quick_check: string }[]
    if (check[0]?.quick_check !== 'ok') {
      throw new Error(`integrity check failed: ${check.map((row) => row.quick_check).join('; ')}`)
    }
    return db
  } catch (error) {
    db?.close()
    return error instanceof Error ? error : new Error(String(error))
  }
}

function userVersion(db: DatabaseSync): number {
  return (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version
}
