import { describe, expect, it } from 'vitest'
import type { ConnectionEvent } from '#common/contract/index.ts'
import { LogBuffer } from '../../../../../renderer/features/message-log/log-buffer.ts'
import type { RowList } from '../../../../../renderer/features/message-log/row-index.ts'
import {
  allVisible,
  compileSearch,
  LogView,
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

describe('LogView', () => {
  it('lists every row with no filter, and the rows that match the search', () => {
    const buffer = setup()
    const view = new LogView(allVisible(), compileSearch('ALPHA', false).matcher)
    view.update(buffer)
    expect(all(view.visible)).toEqual([0, 1, 2, 3])
    expect(all(view.matches)).toEqual([1, 2])
  })

  it('filters by direction and kind', () => {
    const buffer = setup()
    const filter = allVisible()
    filter.directions.out = false
    filter.kinds.lifecycle = false
    const view = new LogView(filter, null)
    view.update(buffer)
    expect(all(view.visible)).toEqual([2, 3])
  })

  it('tests only new rows as they arrive, and forgets rows the buffer let go', () => {
    const buffer = new LogBuffer(3)
    const view = new LogView(allVisible(), compileSearch('x', false).matcher)
    buffer.append([text(1, 'in', 'x'), text(2, 'in', 'y')])
    view.update(buffer)
    buffer.append([text(3, 'in', 'x'), text(4, 'in', 'x')])
    view.update(buffer)
    expect(all(view.visible)).toEqual([1, 2, 3])
    expect(all(view.matches)).toEqual([2, 3])
  })

  it('anchors a regular expression to each field', () => {
    const buffer = setup()
    const view = new LogView(allVisible(), compileSearch('^alpha$', true).matcher)
    view.update(buffer)
    expect(all(view.matches)).toEqual([1, 2])
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
