/** One step of the schema; `version` is what PRAGMA user_version says once it has run. */
export interface Migration {
  version: number
  description: string
  sql: string
}

/**
 * Every schema change, in order, never edited once released: a database at version N runs the
 * migrations after N. Add a migration to change the schema.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'sessions, folders, recorded runs and their events, app state',
    sql: `
      CREATE TABLE folders (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at REAL NOT NULL
      );
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        folder_id TEXT REFERENCES folders(id) ON DELETE SET NULL,
        protocol TEXT,
        url TEXT NOT NULL,
        draft TEXT NOT NULL,
        saved_messages TEXT NOT NULL,
        secrets TEXT,
        secrets_missing INTEGER NOT NULL DEFAULT 0,
        recording INTEGER NOT NULL DEFAULT 0,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL,
        last_used_at REAL NOT NULL,
        deleted_at REAL
      );
      CREATE INDEX sessions_by_use ON sessions(deleted_at, last_used_at DESC);
      CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        protocol TEXT NOT NULL,
        url TEXT NOT NULL,
        started_at REAL NOT NULL,
        ended_at REAL,
        message_count INTEGER NOT NULL DEFAULT 0,
        bytes INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX runs_by_session ON runs(session_id, started_at);
      -- A rowid table: events are ~100 B to many KiB, and WITHOUT ROWID inserts rows that size
      -- 4x slower (measured: 33k vs 145k rows/s of 1 KiB).
      CREATE TABLE run_events (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        event TEXT NOT NULL,
        PRIMARY KEY (run_id, seq)
      );
      CREATE TABLE app_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    description: 'comparisons saved with a session',
    sql: `
      CREATE TABLE comparisons (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        spec TEXT NOT NULL,
        updated_at REAL NOT NULL
      );
      CREATE INDEX comparisons_by_session ON comparisons(session_id, updated_at DESC);
    `,
  },
  {
    version: 3,
    description: 'recorded runs keep the batches the view gets, in files indexed here',
    sql: `
      -- The index of a run's batches (main/common/batch), which live in an append-only file per
      -- run beside the database (see batch-journal.ts): a few rows a second at any rate, where
      -- run_events took one per message. run_events keeps imported events, and large messages
      -- whole.
      CREATE TABLE run_batches (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        first_seq INTEGER NOT NULL,
        last_seq INTEGER NOT NULL,
        last_ts REAL NOT NULL,
        offset INTEGER NOT NULL,
        length INTEGER NOT NULL
      );
      CREATE INDEX run_batches_by_seq ON run_batches(run_id, last_seq);
    `,
  },
  {
    version: 4,
    description: 'every connection is journaled: a run without a session is an unsaved tab’s',
    // SQLite cannot drop NOT NULL in place: the table is made anew and renamed (the procedure of
    // https://www.sqlite.org/lang_altertable.html#otheralter; foreign keys are off meanwhile).
    sql: `
      CREATE TABLE runs_v4 (
        id INTEGER PRIMARY KEY,
        -- NULL: the scratch journal of an unsaved tab, let go when no tab shows it.
        session_id TEXT REFERENCES sessions(id) ON DELETE CASCADE,
        protocol TEXT NOT NULL,
        url TEXT NOT NULL,
        started_at REAL NOT NULL,
        ended_at REAL,
        message_count INTEGER NOT NULL DEFAULT 0,
        bytes INTEGER NOT NULL DEFAULT 0
      );
      INSERT INTO runs_v4 (id, session_id, protocol, url, started_at, ended_at, message_count, bytes)
        SELECT id, session_id, protocol, url, started_at, ended_at, message_count, bytes FROM runs;
      DROP TABLE runs;
      ALTER TABLE runs_v4 RENAME TO runs;
      CREATE INDEX runs_by_session ON runs(session_id, started_at);
    `,
  },
]

export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version
