import { DEFAULT_COMPARE_OPTIONS } from '#common/compare/index.ts'
import { describe, expect, it } from 'vitest'
import { defaultDraft, type ConnectionDraft } from '#common/contract/index.ts'
import { NO_ENCRYPTION } from '../../../main/sessions/secrets.ts'
import { SessionStore } from '../../../main/sessions/session-store.ts'
import { openTestStores } from '../../support/session-db.ts'

function draftWithSecrets(): ConnectionDraft {
  const draft = defaultDraft('wss://api.example/stream')
  draft.headers = [
    { name: 'X-Trace', value: 'visible', enabled: true },
    { name: 'X-Api-Key', value: 'k-123', enabled: true, secret: true },
  ]
  draft.auth = { type: 'bearer', token: 'tok-456' }
  return draft
}

describe('SessionStore', () => {
  it('saves and reads back a session whole', () => {
    const { sessions } = openTestStores()
    const saved = sessions.save({
      name: 'Prices',
      draft: defaultDraft('ws://h/prices'),
      savedMessages: [{ id: 'm1', name: 'sub', mode: 'json', text: '{}' }],
    })
    expect(saved).toMatchObject({
      name: 'Prices',
      protocol: 'ws',
      url: 'ws://h/prices',
      runCount: 0,
    })
    expect(sessions.get(saved.id)).toMatchObject({
      draft: defaultDraft('ws://h/prices'),
      savedMessages: [{ name: 'sub', text: '{}' }],
    })
  })

  it('updates a session in place', () => {
    const { sessions } = openTestStores()
    const { id } = sessions.save({ name: 'A', draft: defaultDraft('ws://h/a'), savedMessages: [] })
    sessions.save({ id, name: 'B', draft: defaultDraft('http://h/b'), savedMessages: [] })
    expect(sessions.overview().sessions).toHaveLength(1)
    expect(sessions.get(id)).toMatchObject({ name: 'B', protocol: 'sse', url: 'http://h/b' })
  })

  it('lists sessions by last use', () => {
    let now = 1000
    const { opened } = openTestStores()
    const sessions = new SessionStore(opened, NO_ENCRYPTION, () => now)
    const first = sessions.save({ name: 'first', draft: defaultDraft(), savedMessages: [] })
    now = 2000
    sessions.save({ name: 'second', draft: defaultDraft(), savedMessages: [] })
    now = 3000
    sessions.touch(first.id)
    expect(sessions.overview().sessions.map((session) => session.name)).toEqual(['first', 'second'])
  })

  it('renames, duplicates, deletes and restores', () => {
    const { sessions } = openTestStores()
    const { id } = sessions.save({ name: 'orig', draft: defaultDraft('ws://h'), savedMessages: [] })
    sessions.rename(id, 'renamed')
    const copy = sessions.duplicate(id)
    expect(copy.name).toBe('renamed copy')
    sessions.delete(id)
    expect(sessions.overview()).toMatchObject({ sessions: [{ id: copy.id }], deleted: [{ id }] })
    sessions.restore(id)
    expect(
      sessions
        .overview()
        .sessions.map((session) => session.id)
        .sort(),
    ).toEqual([id, copy.id].sort())
  })

  it('groups sessions in folders, and keeps them when a folder goes', () => {
    const { sessions } = openTestStores()
    const folder = sessions.createFolder('Trading')
    const { id } = sessions.save({ name: 's', draft: defaultDraft(), savedMessages: [] })
    sessions.moveToFolder(id, folder.id)
    sessions.renameFolder(folder.id, 'Markets')
    expect(sessions.overview()).toMatchObject({
      folders: [{ id: folder.id, name: 'Markets' }],
      sessions: [{ folderId: folder.id }],
    })
    sessions.deleteFolder(folder.id)
    expect(sessions.overview()).toMatchObject({ folders: [], sessions: [{ id, folderId: null }] })
    expect(() => sessions.moveToFolder(id, 'nope')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    )
  })

  it('seals secret values with the keychain and never writes them in plain text', () => {
    const { sessions, opened } = openTestStores()
    const { id } = sessions.save({ name: 'secret', draft: draftWithSecrets(), savedMessages: [] })
    const row = opened.db.prepare('SELECT draft, secrets FROM sessions WHERE id = ?').get(id) as {
      draft: string
      secrets: string
    }
    expect(row.draft).not.toContain('k-123')
    expect(row.draft).not.toContain('tok-456')
    expect(row.secrets).not.toContain('k-123')
    expect(row.secrets).toContain('sealed:')
    expect(sessions.get(id)).toMatchObject({ draft: draftWithSecrets(), secretsMissing: false })
    expect(sessions.status().secrets).toBe('encrypted')
  })

  it('does not write secrets at all where nothing can encrypt them, and says so', () => {
    const { opened } = openTestStores()
    const sessions = new SessionStore(opened, NO_ENCRYPTION)
    const { id } = sessions.save({ name: 'secret', draft: draftWithSecrets(), savedMessages: [] })
    const everything = JSON.stringify(opened.db.prepare('SELECT * FROM sessions').all())
    expect(everything).not.toContain('k-123')
    expect(everything).not.toContain('tok-456')
    const session = sessions.get(id)
    expect(session.secretsMissing).toBe(true)
    expect(session.draft.headers[0]!.value).toBe('visible')
    expect(session.draft.headers[1]!.value).toBe('')
    expect(sessions.status().secrets).toBe('not-saved')
  })

  it('writes secrets in plain text only when the user opted in', () => {
    const { opened } = openTestStores()
    const sessions = new SessionStore(opened, NO_ENCRYPTION)
    sessions.setPlainSecretsAllowed(true)
    const { id } = sessions.save({ name: 'secret', draft: draftWithSecrets(), savedMessages: [] })
    expect(sessions.get(id)).toMatchObject({ draft: draftWithSecrets(), secretsMissing: false })
    expect(sessions.status().secrets).toBe('plaintext')
  })

  it('keeps auth values in the draft when the user says they are not secret', () => {
    const { opened } = openTestStores()
    const sessions = new SessionStore(opened, NO_ENCRYPTION)
    const draft = { ...draftWithSecrets(), secretAuth: false }
    const { id } = sessions.save({ name: 'open', draft, savedMessages: [] })
    expect(sessions.get(id).draft.auth).toEqual({ type: 'bearer', token: 'tok-456' })
  })

  it('keeps the workspace, secrets protected the same way', () => {
    const { sessions } = openTestStores()
    const tab = {
      kind: 'connection' as const,
      draft: draftWithSecrets(),
      sessionId: null,
      composer: { mode: 'text' as const, text: 'typed' },
      savedMessages: [],
      connectionId: null,
      savedSnapshot: null,
    }
    sessions.saveWorkspace({ tabs: [tab], activeIndex: 0 })
    expect(sessions.workspace()).toEqual({ tabs: [tab], activeIndex: 0 })
  })

  it('keeps run and compare tabs, and reads a run tab as an earlier version kept it', () => {
    const { sessions, opened } = openTestStores()
    const compare = {
      kind: 'compare' as const,
      id: 'c1',
      spec: {
        left: { kind: 'run' as const, runId: 3, sessionId: 's', label: 'golden' },
        right: null,
        options: DEFAULT_COMPARE_OPTIONS,
      },
      sessionId: null,
      comparisonId: null,
    }
    sessions.saveWorkspace({
      tabs: [{ kind: 'run', id: 't1', sessionId: 's', runId: 3 }, compare],
      activeIndex: 1,
    })
    expect(sessions.workspace()).toEqual({
      tabs: [{ kind: 'run', id: 't1', sessionId: 's', runId: 3 }, compare],
      activeIndex: 1,
    })
    // An earlier version kept a run tab with a connection tab's fields, and one tab is damaged.
    const legacy = {
      state: {
        tabs: [
          { kind: 'run', draft: defaultDraft('ws://h'), sessionId: 's', runId: 4, composer: {} },
          { kind: 'nonsense' },
        ],
        activeIndex: 1,
      },
      secrets: [null, null],
    }
    opened.db
      .prepare("UPDATE app_state SET value = ? WHERE key = 'workspace'")
      .run(JSON.stringify(legacy))
    expect(sessions.workspace()).toEqual({
      tabs: [{ kind: 'run', sessionId: 's', runId: 4 }],
      activeIndex: 0,
    })
  })

  it('says when there is no such session', () => {
    const { sessions } = openTestStores()
    expect(() => sessions.get('missing')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', message: 'There is no session "missing"' }),
    )
  })
})
