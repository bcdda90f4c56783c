import { describe, expect, it } from 'vitest'
import { variableTable } from '#common/templates/templates.ts'
import {
  referenceBeforeCaret,
  segmentsOf,
  suggestionsFor,
  unknownWarning,
} from '../../../../renderer/components/template-tokens.ts'

const table = variableTable([
  { scope: 'global', rows: [{ name: 'host', value: 'h.example', enabled: true }] },
  { scope: 'environment', rows: [{ name: 'token', value: 't', enabled: true, secret: true }] },
])

describe('referenceBeforeCaret', () => {
  it('finds the name being typed after an open {{', () => {
    expect(referenceBeforeCaret('id={{us', 7)).toBe('us')
    expect(referenceBeforeCaret('id={{ ', 6)).toBe('')
    expect(referenceBeforeCaret('id={{us}} x', 11)).toBeNull()
    expect(referenceBeforeCaret('plain', 5)).toBeNull()
  })
})

describe('suggestionsFor', () => {
  it('offers defined names first (secrets not shown), then dynamic ones', () => {
    expect(
      suggestionsFor('', table)
        .map((item) => item.name)
        .slice(0, 3),
    ).toEqual(['host', 'token', 'uuid'])
    expect(suggestionsFor('to', table)).toEqual([{ name: 'token', detail: 'environment · secret' }])
    // Starting with it first, then containing it.
    expect(suggestionsFor('t', table).map((item) => item.name)).toEqual([
      'token',
      'timestamp',
      'host',
      'isoTime',
      'counter',
      'randomInt',
    ])
  })
})

describe('segmentsOf and unknownWarning', () => {
  it('cut a text at its references, and name the unknown ones', () => {
    const tokens = [
      { start: 2, end: 10, name: 'host', kind: 'variable' as const },
      { start: 11, end: 19, name: 'nope', kind: 'unknown' as const },
    ]
    expect(segmentsOf('a {{host}} {{nope}}!', tokens)).toEqual([
      { text: 'a ', kind: null },
      { text: '{{host}}', kind: 'variable' },
      { text: ' ', kind: null },
      { text: '{{nope}}', kind: 'unknown' },
      { text: '!', kind: null },
    ])
    expect(unknownWarning(tokens)).toBe(
      '{{nope}} is not defined: add it under Variables or Environments before connecting',
    )
  })
})
