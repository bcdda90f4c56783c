import { describe, expect, it } from 'vitest'
import { compileKey } from '#common/compare/index.ts'
import { topLevelValue } from '../../../../main/common/compare/top-level-value.ts'
import { text } from './messages.ts'

describe('topLevelValue', () => {
  it.each([
    ['{"id":7,"x":1}', 'id', '7'],
    [' { "x" : {"id": 1, "s": "}"}, "id" : "a-b" } ', 'id', 'a-b'],
    ['{"x":[1,{"id":2}],"id":3.50}', 'id', '3.5'],
    ['{"id":true}', 'id', 'true'],
    ['{"id":null}', 'id', 'null'],
    ['{"x":1}', 'id', undefined],
    ['{}', 'id', undefined],
    ['{"id":"a\\"b"}', 'id', null],
    ['{"id":{"n":1}}', 'id', null],
    ['[1,2]', 'id', null],
    ['{"id":', 'id', null],
    ['not json', 'id', null],
  ])('reads %j . %s as %j', (json, name, expected) => {
    expect(topLevelValue(json, name)).toBe(expected)
  })

  it('gives what a full parse would, for every message a key reads', () => {
    const key = compileKey('$.id')
    const cases = [
      '{"id":7}',
      '{"id":"x"}',
      '{"id":"a\\"b"}',
      '{"id":{"n":1}}',
      '{"id":1e3}',
      '{"a":{"id":2}}',
    ]
    const parsed = (data: string) => {
      const value = (JSON.parse(data) as { id?: unknown }).id
      return value === undefined
        ? undefined
        : typeof value === 'string'
          ? value
          : JSON.stringify(value)
    }
    for (const data of cases) expect(key(text(data, 1)), data).toBe(parsed(data))
  })
})
