import { describe, expect, it } from 'vitest'
import {
  mergeVariableSecrets,
  splitVariableSecrets,
  variableSets,
  type VariableSets,
} from '../../../../main/common/contract/variables.ts'
import { mergeSecrets, splitSecrets } from '../../../../main/common/contract/draft-secrets.ts'
import { defaultDraft } from '../../../../main/common/contract/session.ts'

const sets: VariableSets = {
  globals: [
    { name: 'host', value: '127.0.0.1', enabled: true },
    { name: 'key', value: 'global-key', enabled: true, secret: true },
  ],
  environments: [
    {
      id: 'staging',
      name: 'Staging',
      variables: [{ name: 'token', value: 'stage-token', enabled: true, secret: true }],
    },
  ],
  activeEnvironmentId: 'staging',
}

describe('splitVariableSecrets', () => {
  it('blanks the secret values, and mergeVariableSecrets puts them back', () => {
    const { sets: blank, secrets } = splitVariableSecrets(sets)
    expect(secrets).toEqual({ 'globals.1': 'global-key', 'env.staging.0': 'stage-token' })
    expect(JSON.stringify(blank)).not.toMatch(/global-key|stage-token/)
    expect(blank.globals[0]!.value).toBe('127.0.0.1')
    expect(mergeVariableSecrets(blank, secrets)).toEqual(sets)
  })
})

describe('variableSets', () => {
  it('accepts well-formed sets', () => {
    expect(variableSets(sets, 'sets')).toEqual(sets)
  })

  it('refuses an active environment that does not exist, naming it', () => {
    expect(() => variableSets({ ...sets, activeEnvironmentId: 'prod' }, 'sets')).toThrow(
      /no environment has the id "prod"/,
    )
  })

  it('refuses two environments with one id', () => {
    const twice = { ...sets, environments: [sets.environments[0]!, sets.environments[0]!] }
    expect(() => variableSets(twice, 'sets')).toThrow(/share an id/)
  })
})

describe('splitSecrets (a session draft)', () => {
  it('takes the secret session variables out with the other secrets', () => {
    const draft = {
      ...defaultDraft('ws://h'),
      variables: [
        { name: 'plain', value: 'shown', enabled: true },
        { name: 'token', value: 'session-token', enabled: true, secret: true },
      ],
    }
    const { draft: blank, secrets } = splitSecrets(draft)
    expect(secrets).toEqual({ 'variables.1': 'session-token' })
    expect(blank.variables[1]!.value).toBe('')
    expect(mergeSecrets(blank, secrets)).toEqual(draft)
  })
})
