import { existsSync, mkdirSync, renameSync } from 'node:fs'
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

/**
 * Opens (or creates) the session database, safely:
 * - a damaged file (not a database, truncated, failing its check) is moved aside, never deleted,
 *   and a fresh store starts, with a notice saying so;
 * - an older schema is copied to a backup file, then migrated, one transaction per migration;
 * - a schema newer than this app knows opens read-only and is never written.
 */
export function openSessionDatabase(path: string, options: OpenOptions = {}): OpenedDatabase {
  const migrations = options.migrations ?? MIGRATIONS
  const latest = migrations.at(-1)?.version ?? 0
  const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-')
  mkdirSync(dirname(path), { recursive: true })

  let notice: string | null = null
  let db = tryOpen(path)
  if (db instanceof Error) {
    const movedTo = `${path}.damaged-${stamp}`
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(path + suffix)) renameSync(path + suffix, movedTo + suffix)
    }
    notice = `The session database could not be read (${db.message}). It was moved to ${movedTo} and a new, empty one was started.`
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
  for (const migration of migrations) {
    if (migration.version <= version) continue
    db.exec('BEGIN IMMEDIATE')
    try {
      db.exec(migration.sql)
      db.exec(`PRAGMA user_version = ${migration.version}`)
      db.exec('COMMIT')
    } catch (error) {
      db.exec('ROLLBACK')
      throw new Error(
        `Migration to schema ${migration.version} (${migration.description}) failed: ${(error as Error).message}`,
        {
          cause: error,
        },
      )
    }
  }
  return { db, path, readOnly: false, notice, backupPath }
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
