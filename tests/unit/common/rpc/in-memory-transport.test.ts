import { describe, expect, it, vi } from 'vitest'
import { createInMemoryTransportPair } from '#common/rpc/index.ts'

describe('createInMemoryTransportPair', () => {
  it('delivers each end’s messages to the other, asynchronously and in order', async () => {
    const [a, b] = createInMemoryTransportPair()
    const atB: string[] = []
    b.onMessage((message) => atB.push(String(message)))
    a.send('one')
    a.send('two')
    expect(atB).toEqual([])
    await vi.waitFor(() => expect(atB).toEqual(['one', 'two']))
  })

  it('tells both ends when closed and drops later messages', async () => {
    const [a, b] = createInMemoryTransportPair()
    const closed: string[] = []
    a.onClose?.(() => closed.push('a'))
    b.onClose?.(() => closed.push('b'))
    const atB: string[] = []
    b.onMessage((message) => atB.push(String(message)))
    a.send('before')
    a.close()
    a.send('after')
    await Promise.resolve()
    expect(closed).toEqual(['a', 'b'])
    expect(atB).toEqual([])
  })
})
