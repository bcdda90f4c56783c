import { describe, expect, it } from 'vitest'
import { compileKey } from '#common/compare/index.ts'
import { topLevelKey } from '../../../../main/common/compare/top-level-value.ts'
import { text } from './messages.ts'

/**
 * topLevelKey over `json` held amid other bytes (as a log's block holds it), with a plain integer
 * written back as text: what lies around it must not count.
 */
function topLevelValue(json: string, name: string): string | undefined | null {
  const encoder = new TextEncoder()
  const before = encoder.encode('{"id":0,')
  const bytes = encoder.encode(`{"id":0,${json}"id":1}`)
  const to = before.length + encoder.encode(json).length
  const key = topLevelKey({ bytes, from: before.length, to }, encoder.encode(JSON.stringify(name)))
  return typeof key === 'number' ? String(key) : key
}

describe('topLevelKey', () => {
  it('reads a plain integer as the number it is', () => {
    const key = (json: string) =>
      topLevelKey(
        { bytes: new TextEncoder().encode(json), from: 0, to: json.length },
        new TextEncoder().encode('"seq"'),
      )
    expect(key('{"seq":42}')).toBe(42)
    expect(key('{"seq":"42"}')).toBe(42) // as compileKey gives a string "42": the same key
    expect(key('{"seq":-4}')).toBe('-4')
    expect(key('{"seq":"é"}')).toBe('é')
  })

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
    ['{"id":1,"id":2}', 'id', null], // JSON.parse keeps the last: parsed
    ['{"id":1,"\\u0069d":2}', 'id', null],
    ['{"id":1}', 'i', undefined],
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
      '{"id":1,"id":2}',
      '{"id":"42"}',
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
