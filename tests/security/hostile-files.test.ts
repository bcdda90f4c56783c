import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, describe, expect, it } from 'vitest'
import { ApiError, defaultDraft } from '#common/contract/index.ts'
import { createAppApi, type AppApiHost } from '../../main/host/app-api.ts'
import { tempDir } from '../support/temp-dir.ts'

/** Files the app is handed or finds at its data path: imports, and databases that are not its own. */
let app: AppApiHost | null = null
afterEach(async () => {
  await app?.close()
  app = null
})

async function importError(text: string, format: 'json' | 'har'): Promise<ApiError> {
  app = createAppApi({ shell: 'browser', dataDir: tempDir() })
  try {
    await app.api.importSessions(text, format)
  } catch (error) {
    if (error instanceof ApiError) return error
    throw error
  }
  throw new Error('the import was accepted')
}

describe('imports', () => {
  it.each(['json', 'har'] as const)(
    'refuses 100,000 open brackets as %s with a position, not a stack overflow',
    async (format) => {
      const error = await importError('['.repeat(100_000), format)
      expect(error.code).toBe('INVALID_IMPORT')
      expect(error.message).toContain('line 1, column 100001')
      expect((await app!.api.listSessions()).sessions).toEqual([])
    },
  )

  it('refuses 100,000 nested objects that close, as not a session export', async () => {
    const error = await importError(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`, 'json')
    expect(error.code).toBe('INVALID_IMPORT')
  })
})

describe('the session database', () => {
  function startWith(contents: (path: string) => void): { dataDir: string; path: string } {
    const dataDir = tempDir()
    const path = join(dataDir, 'sessions.sqlite')
    contents(path)
    app = createAppApi({ shell: 'browser', dataDir })
    return { dataDir, path }
  }

  it('moves another program’s SQLite file aside, untouched, and starts with a notice', async () => {
    const { dataDir, path } = startWith((file) => {
      const foreign = new DatabaseSync(file)
      foreign.exec("CREATE TABLE sessions(x); INSERT INTO sessions VALUES ('their data')")
      foreign.close()
    })
    const { storage, sessions } = await app!.api.listSessions()
    expect(sessions).toEqual([])
    expect(storage.notice).toMatch(/is not a Realtime Playground database .* moved to .*foreign/)
    const movedTo = readdirSync(dataDir).find((name) => name.includes('.foreign-'))!
    const kept = new DatabaseSync(join(dataDir, movedTo), { readOnly: true })
    expect(kept.prepare('SELECT x FROM sessions').all()).toEqual([{ x: 'their data' }])
    kept.close()
    expect(existsSync(path)).toBe(true)
    await app!.api.saveSession({ name: 'Mine', draft: defaultDraft('ws://h/'), savedMessages: [] })
    expect((await app!.api.listSessions()).sessions.map((session) => session.name)).toEqual([
      'Mine',
    ])
  })

  it('says so when the file is empty (0 bytes)', async () => {
    startWith((file) => writeFileSync(file, ''))
    const { storage } = await app!.api.listSessions()
    expect(storage.notice).toContain('was an empty file (0 bytes)')
  })

  it('moves a file of garbage aside and keeps it', async () => {
    const { dataDir } = startWith((file) => writeFileSync(file, 'SQLite format 3\0'.repeat(500)))
    const { storage } = await app!.api.listSessions()
    expect(storage.notice).toMatch(/could not be read/)
    const movedTo = readdirSync(dataDir).find((name) => name.includes('.damaged-'))!
    expect(readFileSync(join(dataDir, movedTo), 'latin1')).toContain('SQLite format 3')
  })
})
