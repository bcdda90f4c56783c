import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { VariableSets } from '#common/contract/index.ts'
import { readAppState, writeAppState } from '../../../main/sessions/app-state.ts'
import { NO_ENCRYPTION } from '../../../main/sessions/secrets.ts'
import { VariableStore } from '../../../main/sessions/variable-store.ts'
import { openTestStores } from '../../support/session-db.ts'

const SETS: VariableSets = {
  globals: [{ name: 'host', value: '127.0.0.1:8080', enabled: true }],
  environments: [
    {
      id: 'env-1',
      name: 'staging',
      variables: [{ name: 'token', value: 'staging-token-value', enabled: true, secret: true }],
    },
  ],
  activeEnvironmentId: 'env-1',
}

/** The database file and its WAL, as bytes on disk. */
const onDisk = (path: string): string =>
  readFileSync(path, 'latin1') + readFileSync(`${path}-wal`, 'latin1')

describe('VariableStore', () => {
  it('starts empty', () => {
    const { sessions } = openTestStores()
    expect(new VariableStore(sessions, NO_ENCRYPTION).get()).toEqual({
      globals: [],
      environments: [],
      activeEnvironmentId: null,
    })
  })

  it('reads back what it saved, secret values sealed by the keychain', () => {
    const { sessions, path } = openTestStores()
    const store = new VariableStore(sessions, {
      available: true,
      encrypt: (plain) => `sealed:${Buffer.from(plain).toString('base64')}`,
      decrypt: (sealed) => Buffer.from(sealed.slice(7), 'base64').toString(),
    })
    store.save(SETS)
    expect(store.get()).toEqual(SETS)
    expect(onDisk(path)).not.toContain('staging-token-value')
    expect(onDisk(path)).toContain('127.0.0.1:8080')
  })

  it('does not write secret values where nothing can encrypt them, unless allowed', () => {
    const { sessions, path } = openTestStores(NO_ENCRYPTION)
    const store = new VariableStore(sessions, NO_ENCRYPTION)
    store.save(SETS)
    expect(onDisk(path)).not.toContain('staging-token-value')
    expect(store.get().environments[0]!.variables[0]).toEqual({
      name: 'token',
      value: '',
      enabled: true,
      secret: true,
    })
    sessions.setPlainSecretsAllowed(true)
    store.save(SETS)
    expect(store.get()).toEqual(SETS)
  })

  it('starts over from empty when the stored value is damaged, keeping it aside', () => {
    const { sessions } = openTestStores()
    writeAppState(sessions.db, 'variables', '{"sets": {"globals": 3}}')
    expect(new VariableStore(sessions, NO_ENCRYPTION).get().globals).toEqual([])
    expect(readAppState(sessions.db, 'variables_damaged')).toBe('{"sets": {"globals": 3}}')
  })
})
