import { describe, expect, it } from 'vitest'
import { compileIgnoreRules, compileKey, messagesEqual } from '#common/compare/index.ts'
import { text } from '../unit/common/compare/messages.ts'

/**
 * Payloads built to break the readers that judge and key pairs without parsing (compareTexts,
 * topLevelKey): each gets the answer a full parse gives, or the parse's own refusal, and no throw.
 */
describe('compare on hostile payloads', () => {
  const rules = compileIgnoreRules([])
  const digits = '7'.repeat(1_000_000)

  it('judges a million-digit number, and keys by one', () => {
    const a = text(`{"n":${digits}1}`, 1)
    const b = text(`{"n":${digits}2}`, 2)
    // Both are Infinity as JSON.parse reads them: equal, however far apart their digits.
    expect(messagesEqual(a, b, rules)).toBe(true)
    expect(messagesEqual(a, text('{"n":1}', 3), rules)).toBe(false)
    expect(compileKey('$.n')(a)).toBe('null') // JSON.stringify(Infinity), as parsing gives it
  })

  it('judges nesting deeper than the readers walk, and a key inside it', () => {
    const deep = (leaf: number) => `{"k":1,"v":${'['.repeat(100_000)}${leaf}${']'.repeat(100_000)}}`
    expect(messagesEqual(text(deep(1), 1), text(deep(2), 2), rules)).toBe(false)
    expect(compileKey('$.k')(text(deep(1), 1))).toBe('1')
  })
})
