import { describe, expect, it } from 'vitest'
import { compileIgnoreRules, diffMessages, diffText } from '#common/compare/index.ts'
import { json, text } from './messages.ts'

const none = compileIgnoreRules([])

describe('diffMessages', () => {
  it('lists changed, added and removed JSON paths with both values', () => {
    const diff = diffMessages(
      json({ id: 1, price: 10, tags: ['a'], gone: true }, 1),
      json({ id: 1, price: 11, tags: ['a', 'b'], 'new key': null }, 1),
      none,
    )
    expect(diff.payload).toEqual({
      kind: 'json',
      changes: [
        { path: '$.price', change: 'changed', left: '10', right: '11' },
        { path: '$.tags[1]', change: 'added', right: '"b"' },
        { path: '$.gone', change: 'removed', left: 'true' },
        { path: "$['new key']", change: 'added', right: 'null' },
      ],
    })
  })

  it('leaves ignored paths out of the diff', () => {
    const diff = diffMessages(
      json({ id: 1, ts: 1 }, 1),
      json({ id: 1, ts: 2 }, 1),
      compileIgnoreRules(['$.ts']),
    )
    expect(diff.payload).toEqual({ kind: 'json', changes: [] })
  })

  it('diffs bytes, saying how many differ and where', () => {
    const binary = (base64: string) => ({
      seq: 1,
      ts: 0,
      direction: 'in' as const,
      kind: 'binary' as const,
      size: 3,
      base64,
    })
    const diff = diffMessages(binary('AQID'), binary('AQkD'), none)
    expect(diff.payload).toEqual({
      kind: 'bytes',
      leftSize: 3,
      rightSize: 3,
      differing: 1,
      ranges: [{ offset: 1, left: [2], right: [9] }],
    })
  })

  it('names a different SSE event type as a field change', () => {
    const a = { ...text('x', 1), kind: 'sse-event' as const, event: 'tick' }
    expect(diffMessages(a, { ...a, event: 'tock' }, none).fields).toEqual([
      { path: '@event', change: 'changed', left: 'tick', right: 'tock' },
    ])
  })
})

describe('diffText', () => {
  it('finds the characters that differ', () => {
    expect(diffText('the quick fox', 'the quack fox!')).toEqual([
      { op: 'same', text: 'the qu' },
      { op: 'removed', text: 'i' },
      { op: 'added', text: 'a' },
      { op: 'same', text: 'ck fox' },
      { op: 'added', text: '!' },
    ])
  })

  it('falls back to a coarse diff for long, very different texts, quickly', () => {
    const segments = diffText('a'.repeat(50_000), 'b'.repeat(50_000))
    expect(segments).toEqual([
      { op: 'removed', text: 'a'.repeat(50_000) },
      { op: 'added', text: 'b'.repeat(50_000) },
    ])
  })
})
