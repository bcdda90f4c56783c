import { describe, expect, it } from 'vitest'
import {
  expandTemplates,
  templateTokens,
  variableTable,
} from '../../../../main/common/templates/templates.ts'

const sources = () => {
  let counter = 0
  return {
    nextCounter: () => ++counter,
    uuid: () => '00000000-0000-4000-8000-000000000000',
    now: () => Date.UTC(2026, 0, 2, 3, 4, 5, 6),
    random: () => 0.5,
  }
}

const row = (name: string, value: string, extra: { enabled?: boolean; secret?: boolean } = {}) => ({
  name,
  value,
  enabled: extra.enabled ?? true,
  ...(extra.secret ? { secret: true } : {}),
})

const none = variableTable([])

describe('variableTable', () => {
  it('lets the environment win over the session, and the session over the globals', () => {
    const table = variableTable([
      { scope: 'global', rows: [row('host', 'global.example'), row('only', 'g')] },
      { scope: 'session', rows: [row('host', 'session.example')] },
      { scope: 'environment', rows: [row('host', 'staging.example')] },
    ])
    expect(table.get('host')).toEqual({
      name: 'host',
      value: 'staging.example',
      secret: false,
      scope: 'environment',
    })
    expect(table.get('only')?.scope).toBe('global')
  })

  it('leaves out disabled and nameless rows', () => {
    const table = variableTable([
      { scope: 'global', rows: [row('off', '1', { enabled: false }), row('  ', '2')] },
    ])
    expect([...table.keys()]).toEqual([])
  })
})

describe('expandTemplates', () => {
  it('fills every dynamic variable, the counter counting up', () => {
    expect(
      expandTemplates(
        '{{uuid}} {{timestamp}} {{isoTime}} {{counter}} {{ counter }} {{randomInt}}',
        none,
        sources(),
      ).text,
    ).toBe('00000000-0000-4000-8000-000000000000 1767323045006 2026-01-02T03:04:05.006Z 1 2 500000')
  })

  it("understands Postman's dynamic names", () => {
    expect(expandTemplates('{{$guid}} {{$timestamp}}', none, sources()).text).toBe(
      '00000000-0000-4000-8000-000000000000 1767323045006',
    )
  })

  it('fills defined variables, and variables inside their values', () => {
    const table = variableTable([
      { scope: 'global', rows: [row('host', '127.0.0.1:{{port}}'), row('port', '8080')] },
    ])
    expect(expandTemplates('ws://{{host}}/ws', table, sources())).toEqual({
      text: 'ws://127.0.0.1:8080/ws',
      unknown: [],
      secrets: [],
    })
  })

  it('lets a defined variable named like a dynamic one win', () => {
    const table = variableTable([{ scope: 'session', rows: [row('uuid', 'fixed')] }])
    expect(expandTemplates('{{uuid}} {{$guid}}', table, sources()).text).toBe(
      'fixed 00000000-0000-4000-8000-000000000000',
    )
  })

  it('reports unknown names once and leaves them as typed', () => {
    expect(expandTemplates('{{nope}} {{nope}} and {{uuid', none, sources())).toEqual({
      text: '{{nope}} {{nope}} and {{uuid',
      unknown: ['nope'],
      secrets: [],
    })
  })

  it('stops at a variable that refers to itself, reporting it', () => {
    const table = variableTable([{ scope: 'global', rows: [row('a', 'x{{a}}')] }])
    const expansion = expandTemplates('{{a}}', table, sources())
    expect(expansion.unknown).toEqual(['a'])
    expect(expansion.text).toBe('x{{a}}')
  })

  it('lists the secret values that went in', () => {
    const table = variableTable([
      { scope: 'environment', rows: [row('token', 's3cr3t-value', { secret: true })] },
      { scope: 'session', rows: [row('auth', 'Bearer {{token}}')] },
    ])
    expect(expandTemplates('{{auth}}', table, sources())).toEqual({
      text: 'Bearer s3cr3t-value',
      unknown: [],
      secrets: ['s3cr3t-value'],
    })
  })
})

describe('templateTokens', () => {
  it('marks each reference as a variable, a secret, a dynamic one or unknown', () => {
    const table = variableTable([
      { scope: 'global', rows: [row('host', 'h'), row('key', 'k', { secret: true })] },
    ])
    const text = '{{host}}/{{ key }}?id={{uuid}}&x={{nope}}'
    expect(templateTokens(text, table)).toEqual([
      { start: 0, end: 8, name: 'host', kind: 'variable' },
      { start: 9, end: 18, name: 'key', kind: 'secret' },
      { start: 22, end: 30, name: 'uuid', kind: 'dynamic' },
      { start: 33, end: 41, name: 'nope', kind: 'unknown' },
    ])
  })
})
