import { describe, expect, it } from 'vitest'
import { comparableForm, compileIgnoreRules, PathSyntaxError } from '#common/compare/index.ts'
import { json, text } from './messages.ts'

describe('comparableForm', () => {
  it('ignores key order, ignored paths and ignored patterns', () => {
    const rules = compileIgnoreRules(['$.ts', '/[0-9a-f]{8}-[0-9a-f-]{27}/'])
    const a = json({ id: 1, ts: 100, uuid: '0b7e6b5e-1c2d-4e5f-8a9b-0c1d2e3f4a5b' }, 1)
    const b = json({ uuid: 'ffffffff-1c2d-4e5f-8a9b-0c1d2e3f4a5b', ts: 999, id: 1 }, 1)
    expect(comparableForm(a, rules)).toBe(comparableForm(b, rules))
    expect(comparableForm(json({ id: 2 }, 1), rules)).not.toBe(comparableForm(a, rules))
  })

  it('masks patterns in plain text, and tells text from binary and kinds apart', () => {
    const rules = compileIgnoreRules(['/\\d+/'])
    expect(comparableForm(text('at 12:00', 1), rules)).toBe(
      comparableForm(text('at 13:45', 2), rules),
    )
    const binary = {
      seq: 1,
      ts: 0,
      direction: 'in' as const,
      kind: 'binary' as const,
      size: 1,
      base64: 'AQ==',
    }
    expect(comparableForm(binary, rules)).not.toBe(
      comparableForm({ ...binary, base64: 'Ag==' }, rules),
    )
    expect(comparableForm({ ...text('x', 1), kind: 'sse-event', event: 'a' }, rules)).not.toBe(
      comparableForm({ ...text('x', 1), kind: 'sse-event', event: 'b' }, rules),
    )
  })
})

describe('compileIgnoreRules', () => {
  it.each([
    ['/(/', 'is not a valid regular expression'],
    ['$', 'would ignore the whole payload'],
    ['@id', 'not a message field'],
    ['ts', 'must start with $'],
  ])('refuses %j, saying why', (rule, why) => {
    expect(() => compileIgnoreRules([rule])).toThrow(PathSyntaxError)
    expect(() => compileIgnoreRules([rule])).toThrow(why)
  })
})

describe('comparableForm across protocols', () => {
  it('compares an SSE event of the default type equal to a WebSocket text message', () => {
    const rules = compileIgnoreRules([])
    const sse = { ...text('{"seq":1}', 1), kind: 'sse-event' as const, event: 'message' }
    expect(comparableForm(sse, rules)).toBe(comparableForm(text('{"seq":1}', 1), rules))
    expect(comparableForm({ ...sse, event: 'tick' }, rules)).not.toBe(
      comparableForm(text('{"seq":1}', 1), rules),
    )
  })
})
