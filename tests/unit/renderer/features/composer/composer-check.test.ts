import { describe, expect, it } from 'vitest'
import { composerProblem } from '../../../../../renderer/features/composer/composer-check.ts'

describe('composerProblem', () => {
  it('accepts any text', () => {
    expect(composerProblem('text', '{not json')).toBeNull()
  })

  it('says where JSON is wrong, and accepts template variables as values', () => {
    expect(composerProblem('json', '{"n": {{counter}}, "id": "{{uuid}}"}')).toBeNull()
    expect(composerProblem('json', '{"a": 1,}')).toBe(
      'Not valid JSON: Expected a property name in double quotes at line 1, column 9, found "}"',
    )
  })

  it('checks hex and base64 with the position of the first bad character', () => {
    expect(composerProblem('hex', 'de ad be ef')).toBeNull()
    expect(composerProblem('hex', 'de ad bq')).toBe('Not hex: "q" at position 8')
    expect(composerProblem('base64', 'aGVsbG8=')).toBeNull()
    expect(composerProblem('base64', 'aGV$')).toBe('Not base64: "$" at position 4')
  })
})
