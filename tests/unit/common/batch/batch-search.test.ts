import { describe, expect, it } from 'vitest'
import { NOT_IN_BLOCK, blockOfBatch, compileBlockSearch, readBatch } from '#common/batch/index.ts'
import type { MessageEvent } from '#common/contract/index.ts'
import { batchOf } from '../../../support/batches.ts'

const text = (seq: number, data: string, extra: Partial<MessageEvent> = {}): MessageEvent => ({
  type: 'message',
  seq,
  ts: seq,
  direction: 'in',
  kind: 'text',
  size: new TextEncoder().encode(data).length,
  data,
  ...extra,
})

const block = blockOfBatch(
  readBatch(
    batchOf([
      text(1, '{"price": 12, "symbol": "ACME"}'),
      text(2, 'Hello wörld'),
      text(3, 'nothing here'),
      { ...text(4, ''), kind: 'binary', data: undefined, base64: 'AAEC' },
      text(5, 'tick data', { kind: 'sse-event', event: 'price-update', id: 'abc-7' }),
      text(6, 'after the SSE row'),
    ]),
  ),
)
const search = (query: string, regex = false) => compileBlockSearch({ text: query, regex })(block)

describe('compileBlockSearch', () => {
  it('finds plain text in any case of ASCII letters, without decoding', () => {
    expect(search('acme')).toEqual([0])
    expect(search('HELLO')).toEqual([1])
    expect(search('after THE')).toEqual([5])
    expect(search('wörld')).toEqual([1])
  })

  it('looks in the base64 of a binary row, and in an SSE row’s event type and id', () => {
    expect(search('aaec')).toEqual([3])
    expect(search('price')).toEqual([0, 4])
    expect(search('abc-7')).toEqual([4])
  })

  it('anchors a regular expression to each field', () => {
    expect(search('^nothing', true)).toEqual([2])
    expect(search('^price', true)).toEqual([4]) // the event type, not the payload
    expect(search('\\d+,', true)).toEqual([0])
  })

  it('leaves out rows whose content is not in the block', () => {
    const lengths = block.lengths.slice()
    lengths[0] = NOT_IN_BLOCK
    expect(compileBlockSearch({ text: 'acme', regex: false })({ ...block, lengths })).toEqual([])
  })

  it('says what is wrong with an invalid expression', () => {
    expect(() => search('(unclosed', true)).toThrow(SyntaxError)
  })
})
