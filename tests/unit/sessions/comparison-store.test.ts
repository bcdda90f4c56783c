import { describe, expect, it } from 'vitest'
import { DEFAULT_COMPARE_OPTIONS } from '#common/compare/index.ts'
import { defaultDraft } from '#common/contract/index.ts'
import { ComparisonStore } from '../../../main/sessions/comparison-store.ts'
import { openTestStores } from '../../support/session-db.ts'

const spec = {
  left: { kind: 'file' as const, label: 'golden.ndjson' },
  right: null,
  options: { ...DEFAULT_COMPARE_OPTIONS, ignore: ['$.ts'] },
}

describe('ComparisonStore', () => {
  it('saves, updates, lists newest first and deletes a session’s comparisons', () => {
    let now = 1
    const stores = openTestStores()
    const session = stores.sessions.save({
      name: 's',
      draft: defaultDraft('ws://h'),
      savedMessages: [],
    })
    const comparisons = new ComparisonStore(stores.opened.db, () => now++)
    const first = comparisons.save(session.id, { name: 'first', spec })
    const second = comparisons.save(session.id, { name: ' ', spec })
    expect(second.name).toBe('Comparison')
    comparisons.save(session.id, { id: first.id, name: 'first, renamed', spec })
    expect(comparisons.list(session.id).map((c) => c.name)).toEqual([
      'first, renamed',
      'Comparison',
    ])
    comparisons.delete(second.id)
    expect(comparisons.list(session.id)).toHaveLength(1)
    expect(() => comparisons.delete(second.id)).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    )
  })

  it('goes with its session', () => {
    const stores = openTestStores()
    const session = stores.sessions.save({
      name: 's',
      draft: defaultDraft('ws://h'),
      savedMessages: [],
    })
    stores.comparisons.save(session.id, { name: 'c', spec })
    stores.opened.db.prepare('DELETE FROM sessions WHERE id = ?').run(session.id)
    expect(stores.comparisons.list(session.id)).toEqual([])
  })
})
