import { describe, expect, it } from 'vitest'
import type { ConnectionEvent } from '#common/contract/index.ts'
import { LogBuffer } from '../../../../../renderer/features/message-log/log-buffer.ts'
import type { RowList } from '../../../../../renderer/features/message-log/row-index.ts'
import { createLogSearch } from '../../../../../renderer/features/message-log/log-search.ts'
import {
  allVisible,
  compileHighlighter,
  compileSearch,
  FilteredRows,
  parseCodes,
  parseList,
} from '../../../../../renderer/features/message-log/log-view.ts'

const text = (seq: number, direction: 'in' | 'out', data: string): ConnectionEvent => ({
  type: 'message',
  seq,
  ts: seq,
  direction,
  kind: 'text',
  size: data.length,
  data,
})

const all = (list: RowList) => Array.from({ length: list.length }, (_, i) => list.at(i))

function setup() {
  const buffer = new LogBuffer(100)
  buffer.append([
    { type: 'connecting', seq: 1, ts: 1, attempt: 1, url: 'ws://h' },
    text(2, 'out', 'alpha'),
    text(3, 'in', 'alpha'),
    text(4, 'in', 'beta'),
  ])
  return buffer
}

describe('FilteredRows', () => {
  it('lists every row with no filter', () => {
    const buffer = setup()
    const view = new FilteredRows(allVisible())
    view.update(buffer)
    expect(all(view.visible)).toEqual([0, 1, 2, 3])
  })

  it('filters by direction and kind', () => {
    const buffer = setup()
    const filter = allVisible()
    filter.directions.out = false
    filter.kinds.lifecycle = false
    const view = new FilteredRows(filter)
    view.update(buffer)
    expect(all(view.visible)).toEqual([2, 3])
    expect([0, 1, 2, 3].map((n) => view.passes(buffer, n))).toEqual([false, false, true, true])
  })

  it('filters SSE events by type and closes by code, leaving other rows to the other filters', () => {
    const buffer = new LogBuffer(100)
    const sse = (seq: number, event?: string, id?: string): ConnectionEvent => ({
      type: 'message',
      seq,
      ts: seq,
      direction: 'in',
      kind: 'sse-event',
      size: 1,
      data: 'x',
      ...(event ? { event } : {}),
      ...(id ? { id } : {}),
    })
    const close = (seq: number, code: number | null): ConnectionEvent => ({
      type: 'close',
      seq,
      ts: seq,
      code,
      reason: '',
      clean: code === 1000,
    })
    buffer.append([
      sse(1),
      sse(2, 'token', '7'),
      sse(3, 'done'),
      sse(4, undefined, '9'),
      close(5, 1000),
      close(6, 1006),
      close(7, null),
      text(8, 'in', 'plain'),
    ])
    expect([0, 1, 2, 3, 7].map((n) => buffer.eventTypeOf(n))).toEqual([
      'message',
      'token',
      'done',
      'message',
      null,
    ])
    const filter = allVisible()
    filter.eventTypes = parseList(' token, message ,')
    filter.closeCodes = parseCodes('1006, 1005, nope')
    const view = new FilteredRows(filter)
    view.update(buffer)
    expect(all(view.visible)).toEqual([0, 1, 3, 5, 6, 7])
  })

  it('tests only new rows as they arrive, and forgets rows the buffer let go', () => {
    const buffer = new LogBuffer(3)
    const filter = allVisible()
    filter.directions.out = false
    const view = new FilteredRows(filter)
    buffer.append([text(1, 'in', 'x'), text(2, 'out', 'y')])
    view.update(buffer)
    view.matches.push(0)
    buffer.append([text(3, 'in', 'x'), text(4, 'in', 'x')])
    view.update(buffer)
    expect(all(view.visible)).toEqual([2, 3])
    expect(all(view.matches)).toEqual([]) // row 0 went
  })
})

describe('createLogSearch', () => {
  async function searchFor(query: string, regex = false): Promise<number[]> {
    const buffer = setup()
    const found: number[] = []
    await new Promise<void>((resolve) => {
      const search = createLogSearch((rows) => found.push(...Array.from(rows)), resolve)
      search.start({ text: query, regex }, buffer, () => true, 0)
    })
    return found
  }

  it('finds the rows that match, lifecycle events included, in order', async () => {
    expect(await searchFor('ALPHA')).toEqual([1, 2])
    expect(await searchFor('ws://h')).toEqual([0])
  })

  it('anchors a regular expression to each field', async () => {
    expect(await searchFor('^alpha$', true)).toEqual([1, 2])
  })

  it('searches only the rows that pass, and then the rows that came since', async () => {
    const buffer = setup()
    const found: number[] = []
    let idle = (): void => {}
    const search = createLogSearch(
      (rows) => found.push(...Array.from(rows)),
      () => idle(),
    )
    await new Promise<void>((resolve) => {
      idle = resolve
      search.start({ text: 'alpha', regex: false }, buffer, (n) => n !== 1, 0)
    })
    expect(found).toEqual([2])
    buffer.append([text(5, 'in', 'alphabet')])
    await new Promise<void>((resolve) => {
      idle = resolve
      expect(search.extend(buffer.total)).toBe(true)
    })
    expect(found).toEqual([2, 4])
    expect(search.extend(buffer.total)).toBe(false)
  })
})

describe('compileSearch', () => {
  it('reports an invalid regular expression instead of throwing', () => {
    expect(compileSearch('(unclosed', true)).toMatchObject({
      matcher: null,
      error: expect.stringContaining('Unterminated group'),
    })
  })
})

describe('compileHighlighter', () => {
  it('finds plain text in any case, as typed (no pattern characters)', () => {
    expect(compileHighlighter('a.b', false)!('A.B axb a.b')).toEqual([
      [0, 3],
      [8, 11],
    ])
  })

  it('finds every match of an expression, and steps past empty ones', () => {
    expect(compileHighlighter('\\d+', true)!('id 12 and 345')).toEqual([
      [3, 5],
      [10, 13],
    ])
    expect(compileHighlighter('^', true)!('abc')).toEqual([])
  })

  it('has nothing to mark for no query or an invalid expression', () => {
    expect(compileHighlighter('', false)).toBeNull()
    expect(compileHighlighter('(', true)).toBeNull()
  })
})
