import { randomUUID } from 'node:crypto'
import type { DatabaseSync } from 'node:sqlite'
import {
  ApiError,
  comparisonSpec,
  type SavedComparison,
  type SavedComparisonInput,
} from '#common/contract/index.ts'

interface ComparisonRow {
  id: string
  session_id: string
  name: string
  spec: string
  updated_at: number
}

/** Comparisons saved with a session: which two logs, and how they are compared. */
export class ComparisonStore {
  readonly #db: DatabaseSync
  readonly #now: () => number

  constructor(db: DatabaseSync, now: () => number = Date.now) {
    this.#db = db
    this.#now = now
  }

  list(sessionId: string): SavedComparison[] {
    const rows = this.#db
      .prepare('SELECT * FROM comparisons WHERE session_id = ? ORDER BY updated_at DESC')
      .all(sessionId) as unknown as ComparisonRow[]
    return rows.flatMap((row) => {
      const saved = savedOf(row)
      return saved ? [saved] : []
    })
  }

  /** Creates (no id) or updates a saved comparison of `sessionId`. */
  save(sessionId: string, input: SavedComparisonInput): SavedComparison {
    const now = this.#now()
    const name = input.name.trim() || 'Comparison'
    const spec = JSON.stringify(input.spec)
    if (input.id !== undefined) {
      const result = this.#db
        .prepare(
          'UPDATE comparisons SET name = ?, spec = ?, updated_at = ? WHERE id = ? AND session_id = ?',
        )
        .run(name, spec, now, input.id, sessionId)
      if (result.changes === 0)
        throw new ApiError(
          'NOT_FOUND',
          `There is no saved comparison ${JSON.stringify(input.id)} in this session`,
        )
      return { id: input.id, sessionId, name, spec: input.spec, updatedAt: now }
    }
    const id = randomUUID()
    this.#db
      .prepare(
        'INSERT INTO comparisons (id, session_id, name, spec, updated_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(id, sessionId, name, spec, now)
    return { id, sessionId, name, spec: input.spec, updatedAt: now }
  }

  delete(id: string): void {
    const result = this.#db.prepare('DELETE FROM comparisons WHERE id = ?').run(id)
    if (result.changes === 0)
      throw new ApiError('NOT_FOUND', `There is no saved comparison ${JSON.stringify(id)}`)
  }
}

/** A stored comparison, or null when what was stored no longer reads as one (it is skipped). */
function savedOf(row: ComparisonRow): SavedComparison | null {
  try {
    return {
      id: row.id,
      sessionId: row.session_id,
      name: row.name,
      spec: comparisonSpec(JSON.parse(row.spec), 'spec'),
      updatedAt: row.updated_at,
    }
  } catch {
    return null
  }
}
