import { describe, expect, it, vi } from 'vitest'
import { createInMemoryTransportPair, createRpcClient, encodeMessage } from '#common/rpc/index.ts'
import { connectToy, type ToyApi, type ToyEvents } from './toy-api.ts'

describe('createRpcClient', () => {
  it('gives each call its own id, so concurrent answers reach the right caller', async () => {
    const { client } = connectToy()
    const sums = await Promise.all([client.add(1, 1), client.add(2, 2), client.add(3, 3)])
    expect(sums).toEqual([2, 4, 6])
  })

  it('leaves out trailing optional arguments instead of sending them as null', async () => {
    const [serverEnd, clientEnd] = createInMemoryTransportPair()
    const sent: unknown[] = []
    serverEnd.onMessage((message) =>
      sent.push((JSON.parse(String(message)) as { args: unknown[] }).args),
    )
    const client = createRpcClient<ToyApi, ToyEvents>(['add'], clientEnd, {
      timers: globalThis,
      timeoutMs: 50,
    })
    const add = (...args: unknown[]): Promise<number> => client.add(...(args as [number, number]))
    void add(1, undefined, undefined).catch(() => {})
    await vi.waitFor(() => expect(sent).toEqual([[1]]))
  })

  it('fails a call with TIMEOUT when no answer comes in time', async () => {
    const { client } = connectToy({ timeoutMs: 30 })
    await expect(client.hang()).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: 'hang() got no answer within 30 ms',
    })
  })

  it('uses a per-method time limit over the default', async () => {
    const [, clientEnd] = createInMemoryTransportPair()
    const client = createRpcClient<ToyApi, ToyEvents>(['hang'], clientEnd, {
      timers: globalThis,
      timeoutMs: 10_000,
      methodTimeoutsMs: { hang: 20 },
    })
    await expect(client.hang()).rejects.toMatchObject({
      message: 'hang() got no answer within 20 ms',
    })
  })

  it('ignores an answer that arrives after the call timed out', async () => {
    const [serverEnd, clientEnd] = createInMemoryTransportPair()
    const client = createRpcClient<ToyApi, ToyEvents>(['add'], clientEnd, {
      timers: globalThis,
      timeoutMs: 20,
    })
    await expect(client.add(1, 2)).rejects.toMatchObject({ code: 'TIMEOUT' })
    serverEnd.send(encodeMessage({ kind: 'return', id: 1, value: 3 }))
    await expect(client.add(1, 2)).rejects.toMatchObject({ code: 'TIMEOUT' })
  })

  it('fails pending calls with TRANSPORT_CLOSED when the transport closes', async () => {
    const { client, clientEnd } = connectToy()
    const pending = client.hang()
    clientEnd.close()
    await expect(pending).rejects.toMatchObject({
      code: 'TRANSPORT_CLOSED',
      message: 'hang() got no answer: the connection to the app closed',
    })
    await expect(client.add(1, 2)).rejects.toMatchObject({ code: 'TRANSPORT_CLOSED' })
  })

  it('fails pending calls when closed by its owner', async () => {
    const { client } = connectToy()
    const pending = client.hang()
    client.close('the page is unloading')
    await expect(pending).rejects.toMatchObject({
      message: 'hang() got no answer: the page is unloading',
    })
  })

  it('stops calling a listener once it is removed', async () => {
    const { client, events } = connectToy()
    const seen: number[] = []
    const off = client.on('tick', ({ n }) => seen.push(n))
    events.emit('tick', { n: 1 })
    await vi.waitFor(() => expect(seen).toEqual([1]))
    off()
    events.emit('tick', { n: 2 })
    await expect(client.add(0, 0)).resolves.toBe(0)
    expect(seen).toEqual([1])
  })

  it('runs every listener even when one throws, then surfaces the error', () => {
    const [serverEnd, clientEnd] = createInMemoryTransportPair()
    let deliver: (message: string) => void = () => {}
    const transport = {
      ...clientEnd,
      onMessage: (listener: (m: string) => void) => ((deliver = listener), () => {}),
    }
    const client = createRpcClient<ToyApi, ToyEvents>([], transport, { timers: globalThis })
    const seen: string[] = []
    client.on('tick', () => {
      throw new Error('listener one broke')
    })
    client.on('tick', () => seen.push('two'))

    expect(() =>
      deliver(encodeMessage({ kind: 'event', name: 'tick', payload: { n: 1 } })),
    ).toThrow('listener one broke')
    expect(seen).toEqual(['two'])
    serverEnd.close()
  })
})
