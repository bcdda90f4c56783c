import { describe, expect, it } from 'vitest'
import { compileIgnoreRules, messagesEqual, PathSyntaxError } from '#common/compare/index.ts'
import { json, text } from './messages.ts'

describe('messagesEqual', () => {
  it('ignores key order, ignored paths and ignored patterns', () => {
    const rules = compileIgnoreRules(['$.ts', '/[0-9a-f]{8}-[0-9a-f-]{27}/'])
    const a = json({ id: 1, ts: 100, uuid: '0b7e6b5e-1c2d-4e5f-8a9b-0c1d2e3f4a5b' }, 1)
    const b = json({ uuid: 'ffffffff-1c2d-4e5f-8a9b-0c1d2e3f4a5b', ts: 999, id: 1 }, 1)
    expect(messagesEqual(a, b, rules)).toBe(true)
    expect(messagesEqual(json({ id: 2 }, 1), a, rules)).toBe(false)
    const lists = [json({ id: 1, list: [1, 2] }, 1), json({ id: 1, list: [2, 1] }, 1)] as const
    expect(messagesEqual(...lists, rules)).toBe(false)
  })

  it('masks patterns in plain text, and tells text from binary and event types apart', () => {
    const rules = compileIgnoreRules(['/\\d+/'])
    expect(messagesEqual(text('at 12:00', 1), text('at 13:45', 2), rules)).toBe(true)
    const binary = {
      seq: 1,
      ts: 0,
      direction: 'in' as const,
      kind: 'binary' as const,
      size: 1,
      base64: 'AQ==',
    }
    expect(messagesEqual(binary, { ...binary, base64: 'Ag==' }, rules)).toBe(false)
    expect(messagesEqual(binary, text('AQ==', 1), rules)).toBe(false)
    const event = (type: string) => ({ ...text('x', 1), kind: 'sse-event' as const, event: type })
    expect(messagesEqual(event('a'), event('b'), rules)).toBe(false)
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

describe('messagesEqual across protocols', () => {
  it('compares an SSE event of the default type equal to a WebSocket text message', () => {
    const rules = compileIgnoreRules([])
    const sse = { ...text('{"seq":1}', 1), kind: 'sse-event' as const, event: 'message' }
    expect(messagesEqual(sse, text('{"seq":1}', 1), rules)).toBe(true)
    expect(messagesEqual({ ...sse, event: 'tick' }, text('{"seq":1}', 1), rules)).toBe(false)
  })
})
