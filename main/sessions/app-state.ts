import type { DatabaseSync } from 'node:sqlite'

/** Keys of the app_state table: one JSON or flag value each. */
export type AppStateKey =
  'workspace' | 'plain_secrets' | 'variables' | 'variables_damaged' | 'journal_budget'

/** The value kept under `key`, or null. */
export function readAppState(db: DatabaseSync, key: AppStateKey): string | null {
  const row = db.prepare('SELECT value FROM app_state WHERE key = ?').get(key) as
    { value: string } | undefined
  return row?.value ?? null
}

export function writeAppState(db: DatabaseSync, key: AppStateKey, value: string): void {
  db.prepare(
    'INSERT INTO app_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value)
}
