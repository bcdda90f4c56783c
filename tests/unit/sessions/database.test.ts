import { existsSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { describe, expect, it } from 'vitest'
import { defaultDraft } from '#common/contract/index.ts'
import { openSessionDatabase } from '../../../main/sessions/database.ts'
import { MIGRATIONS, SCHEMA_VERSION } from '../../../main/sessions/migrations.ts'
import { SessionStore } from '../../../main/sessions/session-store.ts'
import { TEST_KEYCHAIN } from '../../support/session-db.ts'
import { tempDir } from '../../support/temp-dir.ts'

const version = (db: DatabaseSync): number =>
  (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version
const fixedNow = () => new Date('2026-01-02T03:04:05Z')

describe('openSessionDatabase', () => {
  it('creates a new database at the latest schema, in WAL mode', () => {
    const path = join(tempDir(), 'nested', 'sessions.sqlite')
    const { db, readOnly, notice } = openSessionDatabase(path)
    expect(version(db)).toBe(SCHEMA_VERSION)
    expect((db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode).toBe(
      'wal',
    )
    expect({ readOnly, notice }).toEqual({ readOnly: false, notice: null })
    db.close()
  })

  it('runs every migration from the first schema, and none twice', () => {
    const path = join(tempDir(), 'sessions.sqlite')
    const first = openSessionDatabase(path, { migrations: MIGRATIONS.slice(0, 1) })
    first.db.close()
    const latest = openSessionDatabase(path)
    expect(version(latest.db)).toBe(SCHEMA_VERSION)
    const tables = (
      latest.db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .all() as { name: string }[]
    ).map((row) => row.name)
    expect(tables).toEqual(
      expect.arrayContaining(['app_state', 'folders', 'run_events', 'runs', 'sessions']),
    )
    latest.db.close()
  })

  it('copies the database before migrating it, and keeps its data', () => {
    const path = join(tempDir(), 'sessions.sqlite')
    const current = openSessionDatabase(path, { migrations: MIGRATIONS })
    new SessionStore(current, TEST_KEYCHAIN).save({
      name: 'kept',
      draft: defaultDraft('ws://h'),
      savedMessages: [],
    })
    current.db.close()
    const next = [
      ...MIGRATIONS,
      {
        version: SCHEMA_VERSION + 1,
        description: 'a test column',
        sql: 'ALTER TABLE sessions ADD COLUMN note TEXT',
      },
    ]
    const migrated = openSessionDatabase(path, { migrations: next, now: fixedNow })
    expect(version(migrated.db)).toBe(SCHEMA_VERSION + 1)
    expect(migrated.backupPath).toBe(`${path}.backup-v${SCHEMA_VERSION}-2026-01-02T03-04-05-000Z`)
    const backup = new DatabaseSync(migrated.backupPath!, { readOnly: true })
    expect(version(backup)).toBe(SCHEMA_VERSION)
    expect(backup.prepare('SELECT name FROM sessions').all()).toEqual([{ name: 'kept' }])
    expect(migrated.db.prepare('SELECT name, note FROM sessions').all()).toEqual([
      { name: 'kept', note: null },
    ])
    backup.close()
    migrated.db.close()
  })

  it('opens a database from a newer version read-only, says so, and never writes it', () => {
    const path = join(tempDir(), 'sessions.sqlite')
    const newer = [
      ...MIGRATIONS,
      { version: SCHEMA_VERSION + 7, description: 'the future', sql: 'CREATE TABLE future (x)' },
    ]
    openSessionDatabase(path, { migrations: newer }).db.close()
    const before = readFileSync(path)
    const opened = openSessionDatabase(path)
    expect(opened.readOnly).toBe(true)
    expect(opened.notice).toContain(
      `schema ${SCHEMA_VERSION + 7}; this version knows ${SCHEMA_VERSION}`,
    )
    const store = new SessionStore(opened, TEST_KEYCHAIN)
    expect(() => store.save({ name: 'no', draft: defaultDraft(), savedMessages: [] })).toThrow(
      expect.objectContaining({ code: 'READ_ONLY' }),
    )
    expect(store.overview().sessions).toEqual([])
    opened.db.close()
    expect(readFileSync(path).equals(before)).toBe(true)
  })

  it('moves a file that is not a database aside, never deleting it, and starts afresh', () => {
    const dir = tempDir()
    const path = join(dir, 'sessions.sqlite')
    writeFileSync(path, 'this is not a database, it is a grocery list\n'.repeat(100))
    const opened = openSessionDatabase(path, { now: fixedNow })
    const movedTo = `${path}.damaged-2026-01-02T03-04-05-000Z`
    expect(opened.notice).toContain(`It was moved to ${movedTo}`)
    expect(readFileSync(movedTo, 'utf8')).toContain('grocery list')
    expect(version(opened.db)).toBe(SCHEMA_VERSION)
    opened.db.close()
  })

  it('moves a truncated database aside and starts afresh', () => {
    const path = join(tempDir(), 'sessions.sqlite')
    const full = openSessionDatabase(path)
    const store = new SessionStore(full, TEST_KEYCHAIN)
    for (let i = 0; i < 200; i++)
      store.save({
        name: `s${i}`,
        draft: defaultDraft(`ws://h/${'x'.repeat(500)}`),
        savedMessages: [],
      })
    full.db.exec('PRAGMA wal_checkpoint(TRUNCATE)')
    full.db.close()
    truncateSync(path, Math.floor(statSync(path).size / 2))
    const opened = openSessionDatabase(path, { now: fixedNow })
    expect(opened.notice).toMatch(/could not be read .* moved to .*damaged/)
    expect(existsSync(`${path}.damaged-2026-01-02T03-04-05-000Z`)).toBe(true)
    expect(new SessionStore(opened, TEST_KEYCHAIN).overview().sessions).toEqual([])
    opened.db.close()
  })
})
