import { describe, expect, it } from 'vitest'
import { createEventHub } from '#common/rpc/index.ts'

interface TestEvents {
  tick: number
  note: string
}

describe('createEventHub', () => {
  it('delivers each event to every subscriber until it unsubscribes', () => {
    const hub = createEventHub<TestEvents>()
    const first: unknown[] = []
    const second: unknown[] = []
    const stopFirst = hub.subscribe((event) => first.push(event))
    hub.subscribe((event) => second.push(event))

    hub.emit('tick', 1)
    stopFirst()
    hub.emit('note', 'two')

    expect(first).toEqual([{ name: 'tick', payload: 1 }])
    expect(second).toEqual([
      { name: 'tick', payload: 1 },
      { name: 'note', payload: 'two' },
    ])
  })
})
