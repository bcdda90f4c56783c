import { describe, expect, it } from 'vitest'
import { checkJson, locateJsonError } from '#common/payload/check-json.ts'

describe('checkJson', () => {
  it('returns the value of valid JSON', () => {
    expect(checkJson(' {"a": [1, 2.5e3, "x\\n", true, null]} ')).toEqual({
      ok: true,
      value: { a: [1, 2500, 'x\n', true, null] },
    })
  })

  it.each([
    ['{"a": }', 1, 7, 'a value', '"}"'],
    ['{"a": 1,}', 1, 9, 'a property name in double quotes', '"}"'],
    ['[1, 2', 1, 6, '"," or "]"', 'the end of the text'],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, '"," or "}"', '"\\""'],
    ["{'a': 1}", 1, 2, 'a property name in double quotes', '"\'"'],
    ['01', 1, 2, 'the end of the text', '"1"'],
    ['"tab\there"', 1, 5, 'an escaped control character', '"\\t"'],
    ['nul', 1, 4, '"null"', 'the end of the text'],
    ['', 1, 1, 'a value', 'the end of the text'],
  ])('locates the error in %j at line %i, column %i', (text, line, column, expected, found) => {
    const result = checkJson(text)
    expect(result).toMatchObject({ ok: false, line, column })
    expect(result.ok === false && result.message).toBe(
      `Expected ${expected} at line ${line}, column ${column}, found ${found}`,
    )
  })
})

describe('locateJsonError', () => {
  it('agrees with JSON.parse on what is valid', () => {
    for (const text of [
      '0',
      '-0.5',
      '1E+2',
      '"\\u00e9"',
      '[]',
      '{}',
      '[[[]]]',
      '{"a":{"b":[{}]}}',
    ]) {
      expect(() => JSON.parse(text)).not.toThrow()
      expect(locateJsonError(text).expected).toBe('valid JSON')
    }
  })
})

describe('locateJsonError on hostile input', () => {
  it('locates the end of 100,000 unclosed brackets without running out of stack', () => {
    const text = '['.repeat(100_000)
    expect(locateJsonError(text)).toEqual({ offset: 100_000, expected: 'a value' })
    expect(checkJson(text)).toMatchObject({ ok: false, line: 1, column: 100_001 })
  })

  it('walks 100,000 nested objects to the error at their end', () => {
    const text = `${'{"a":'.repeat(100_000)}1${'}'.repeat(99_999)}`
    expect(locateJsonError(text).expected).toBe('"," or "}"')
  })
})
