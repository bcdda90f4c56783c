import { describe, expect, it } from 'vitest'
import { parsePath, PathSyntaxError, removeAll, selectAll } from '#common/compare/index.ts'

const doc = {
  id: 7,
  data: {
    orderId: 'A1',
    items: [
      { id: 1, ts: 5 },
      { id: 2, ts: 6 },
    ],
  },
  'odd key': true,
}

describe('parsePath', () => {
  it('reads properties, indexes, wildcards, descendants and quoted names', () => {
    const select = (text: string) => {
      const path = parsePath(text)
      return path.kind === 'json' ? selectAll(doc, path.segments) : path.field
    }
    expect(select('$.id')).toEqual([7])
    expect(select('$.data.orderId')).toEqual(['A1'])
    expect(select('$.data.items[1].id')).toEqual([2])
    expect(select('$.data.items[*].id')).toEqual([1, 2])
    expect(select('$..ts')).toEqual([5, 6])
    expect(select("$['odd key']")).toEqual([true])
    expect(select('$.missing')).toEqual([])
    expect(select('@id')).toBe('id')
  })

  it.each([
    ['id', 'must start with $'],
    ['$.', 'expected a property name after .'],
    ['$[x]', 'expected a number, * or a quoted name'],
    ['$.a[', 'a [ is never closed'],
    ['$a', 'unexpected "a"'],
    ['@nope', 'is not a message field'],
  ])('refuses %j, saying why', (text, why) => {
    expect(() => parsePath(text)).toThrow(PathSyntaxError)
    expect(() => parsePath(text)).toThrow(why)
  })
})

describe('removeAll', () => {
  it('deletes properties at any depth and nulls array elements', () => {
    const copy = structuredClone(doc)
    const ts = parsePath('$..ts')
    const first = parsePath('$.data.items[0]')
    if (ts.kind !== 'json' || first.kind !== 'json') throw new Error('paths')
    removeAll(copy, ts.segments)
    expect(copy.data.items).toEqual([{ id: 1 }, { id: 2 }])
    removeAll(copy, first.segments)
    expect(copy.data.items).toEqual([null, { id: 2 }])
  })

  it('walks 10,000 levels without running out of stack', () => {
    let deep: Record<string, unknown> = { ts: 1 }
    for (let i = 0; i < 10_000; i++) deep = { a: deep, ts: i }
    const path = parsePath('$..ts')
    if (path.kind !== 'json') throw new Error('path')
    expect(selectAll(deep, path.segments)).toHaveLength(10_001)
  })
})
