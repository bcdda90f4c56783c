import { describe, expect, it } from 'vitest'
import type { ComparedMessage } from '#common/compare/index.ts'
import {
  decodeChunk,
  encodeChunk,
  transferablesOf,
} from '../../../../../renderer/features/compare/compare-chunk.ts'

const messages: ComparedMessage[] = [
  { seq: 1, ts: 1_700_000_000_000.25, size: 7, kind: 'text', direction: 'in', data: '{"a":1}' },
  { seq: 2, ts: 1_700_000_000_001, size: 3, kind: 'binary', direction: 'out', base64: 'AAEC' },
  {
    seq: 3,
    ts: 1_700_000_000_002,
    size: 11,
    kind: 'sse-event',
    direction: 'in',
    data: 'héllo 🌍',
    event: 'tick',
    id: '42',
    lastEventId: '42',
  },
  { seq: 4, ts: 1_700_000_000_003, size: 0, kind: 'ping', direction: 'out' },
  { seq: 5, ts: 1_700_000_000_004, size: 0, kind: 'text', direction: 'in', data: '' },
  { seq: 6, ts: 1_700_000_000_005, size: 0, kind: 'sse-retry', direction: 'in', data: '3000' },
]

describe('a chunk of messages as columns', () => {
  it('decodes to the messages it was made of, absent fields left absent', () => {
    const decoded: ComparedMessage[] = []
    decodeChunk(encodeChunk(messages), decoded)
    expect(decoded).toEqual(messages)
    expect('data' in decoded[3]!).toBe(false)
    expect(decoded[4]!.data).toBe('')
  })

  it('crosses a structured clone with its buffers transferred', () => {
    const chunk = encodeChunk(messages)
    const copy = structuredClone(chunk, { transfer: transferablesOf(chunk) })
    expect(chunk.seq.byteLength).toBe(0) // moved, not copied
    const decoded: ComparedMessage[] = [messages[0]!]
    decodeChunk(copy, decoded)
    expect(decoded.slice(1)).toEqual(messages)
  })

  it('holds an empty chunk', () => {
    const decoded: ComparedMessage[] = []
    decodeChunk(encodeChunk([]), decoded)
    expect(decoded).toEqual([])
  })
})
