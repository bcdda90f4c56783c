import type { DatabaseSync } from 'node:sqlite'

/** Runs `work` in one transaction: everything it wrote stays, or (if it throws) nothing does. */
export function inTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE')
  try {
    const result = work()
    db.exec('COMMIT')
    return result
  } catch (error) {
    db.exec('ROLLBACK')
    throw error
  }
}
