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

  it('finds ASCII text only inside one row’s payload, whatever its neighbours hold', () => {
    const rows = blockOfBatch(
      readBatch(
        batchOf([
          text(1, 'ends with a'),
          text(2, 'aa starts'),
          text(3, 'sse payload', { kind: 'sse-event', event: 'zz', id: 'q' }),
          text(4, 'z-9 a.b (c) [d] $e^ x*y+z? \\ /'),
          text(5, 'šàé non-ASCII bytes do not fold to kelvin k or long s'),
        ]),
      ),
    )
    const find = (query: string) => compileBlockSearch({ text: query, regex: false })(rows)
    // "a" + "aa": the first try runs across the rows' edge; the next starts a byte later.
    expect(find('aa')).toEqual([1])
    expect(find('aaa')).toEqual([]) // only across the edge
    expect(find('load["zz')).toEqual([]) // row 3's payload runs into its SSE fields' bytes
    expect(find('zz')).toEqual([2]) // the SSE event type, by its own check
    expect(find('a.b (c) [d] $e^ x*y+z? \\ /')).toEqual([3]) // taken as text, not a pattern
    expect(find('A.B')).toEqual([3])
    expect(find('a-b')).toEqual([])
    expect(find('ŠÀÉ')).toEqual([4]) // non-ASCII: byte by byte, the query in lower case
    expect(find('kelvin k')).toEqual([4])
  })

  it('finds ASCII text in blocks bigger than the scan’s window, and in rows bigger than it', () => {
    const events = Array.from({ length: 3000 }, (_, i) =>
      text(i + 1, i % 1000 === 999 ? `row ${i} needle` : `row ${i} ${'-'.repeat(40)}`),
    )
    events.push(text(3001, `${'x'.repeat(100_000)}NEEDLE`), text(3002, 'needle at last'))
    const big = blockOfBatch(readBatch(batchOf(events)))
    const expected = [999, 1999, 2999, 3000, 3001]
    const needle = compileBlockSearch({ text: 'needle', regex: false })
    expect(needle(big)).toEqual(expected)
    // After a block where most rows match, the next is searched row by row: the same rows.
    const dense = blockOfBatch(readBatch(batchOf([text(1, 'a needle'), text(2, 'Needle')])))
    expect(needle(dense)).toEqual([0, 1])
    expect(needle(big)).toEqual(expected)
  })

  it('says what is wrong with an invalid expression', () => {
    expect(() => search('(unclosed', true)).toThrow(SyntaxError)
  })
})
