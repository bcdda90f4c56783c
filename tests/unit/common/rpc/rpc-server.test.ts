import { describe, expect, it, vi } from 'vitest'
import { ApiError } from '#common/contract/index.ts'
import { createInMemoryTransportPair, encodeMessage, serveRpc } from '#common/rpc/index.ts'
import { connectToy, toyApi, toyGuards } from './toy-api.ts'

describe('serveRpc', () => {
  it('answers a call with the method’s value', async () => {
    const { client } = connectToy()
    await expect(client.add(2, 3)).resolves.toBe(5)
  })

  it('refuses arguments its guard rejects, with INVALID_ARGUMENT', async () => {
    const { client } = connectToy()
    const call = client.add(2, 'three' as unknown as number)
    await expect(call).rejects.toBeInstanceOf(ApiError)
    await expect(call).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: 'add() takes two numbers, got an array of 2',
    })
  })

  it('passes an ApiError through with its code and message', async () => {
    const { client } = connectToy()
    await expect(client.fail('TIMEOUT')).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: 'failed on purpose with TIMEOUT',
    })
  })

  it('turns any other exception into INTERNAL and reports it', async () => {
    const onInternalError = vi.fn()
    const { client } = connectToy({ serve: { onInternalError } })
    await expect(client.crash()).rejects.toMatchObject({
      code: 'INTERNAL',
      message: 'crash() failed unexpectedly: boom',
    })
    expect(onInternalError).toHaveBeenCalledWith(expect.any(TypeError), 'crash')
  })

  it('reports a value that cannot be serialized as INTERNAL instead of never answering', async () => {
    const { client } = connectToy()
    await expect(client.unserializable()).rejects.toMatchObject({ code: 'INTERNAL' })
  })

  it('answers a method outside the allowlist with UNKNOWN_METHOD, even one on the prototype', async () => {
    const [serverEnd, clientEnd] = createInMemoryTransportPair()
    serveRpc(toyGuards, toyApi, null, serverEnd)
    const replies: string[] = []
    clientEnd.onMessage((message) => replies.push(String(message)))

    clientEnd.send(encodeMessage({ kind: 'call', id: 1, method: 'toString', args: [] }))
    clientEnd.send(encodeMessage({ kind: 'call', id: 2, method: '__proto__', args: [] }))
    await vi.waitFor(() => expect(replies).toHaveLength(2))

    expect(replies.map((reply) => JSON.parse(reply) as unknown)).toEqual([
      {
        kind: 'throw',
        id: 1,
        error: { code: 'UNKNOWN_METHOD', message: '"toString" is not a method of the API' },
      },
      {
        kind: 'throw',
        id: 2,
        error: { code: 'UNKNOWN_METHOD', message: '"__proto__" is not a method of the API' },
      },
    ])
  })

  it('answers every message that is not a well-formed call with INVALID_MESSAGE, and goes on', async () => {
    const [serverEnd, clientEnd] = createInMemoryTransportPair()
    serveRpc(toyGuards, toyApi, null, serverEnd)
    const replies: string[] = []
    clientEnd.onMessage((message) => replies.push(String(message)))

    clientEnd.send('not json')
    clientEnd.send('{"kind":"call","id":"x","method":"add","args":[1,2]}')
    clientEnd.send('{"kind":"call","id":5,"method":"add","args":"1,2"}')
    clientEnd.send(encodeMessage({ kind: 'return', id: 3, value: 1 }))
    clientEnd.send(encodeMessage({ kind: 'call', id: 7, method: 'add', args: [1, 2] }))
    await vi.waitFor(() => expect(replies).toHaveLength(5))

    const parsed = replies.map((reply) => JSON.parse(reply) as Record<string, unknown>)
    expect(parsed.slice(0, 4).map(({ kind, id }) => [kind, id])).toEqual([
      ['throw', null],
      ['throw', null],
      ['throw', 5],
      ['throw', null],
    ])
    for (const reply of parsed.slice(0, 4))
      expect(reply.error).toMatchObject({ code: 'INVALID_MESSAGE' })
    expect(parsed[4]).toEqual({ kind: 'return', id: 7, value: 3 })
  })

  it('refuses a call over the size limit with MESSAGE_TOO_BIG', async () => {
    const [serverEnd, clientEnd] = createInMemoryTransportPair()
    serveRpc(toyGuards, toyApi, null, serverEnd, { maxCallChars: 100 })
    const replies: string[] = []
    clientEnd.onMessage((message) => replies.push(String(message)))
    clientEnd.send(
      encodeMessage({ kind: 'call', id: 1, method: 'add', args: [1, 'x'.repeat(200)] }),
    )
    await vi.waitFor(() => expect(replies).toHaveLength(1))
    expect(JSON.parse(replies[0]!)).toMatchObject({
      kind: 'throw',
      id: 1,
      error: { code: 'MESSAGE_TOO_BIG', message: expect.stringContaining('add() was sent') },
    })
  })

  it('pushes every event to the client', async () => {
    const { client, events } = connectToy()
    const ticks: number[] = []
    client.on('tick', ({ n }) => ticks.push(n))
    events.emit('tick', { n: 1 })
    events.emit('tick', { n: 2 })
    await vi.waitFor(() => expect(ticks).toEqual([1, 2]))
  })

  it('stops answering and pushing once stopped', async () => {
    const { client, events, stopServing } = connectToy({ timeoutMs: 50 })
    const ticks: number[] = []
    client.on('tick', ({ n }) => ticks.push(n))
    stopServing()
    events.emit('tick', { n: 1 })
    await expect(client.add(1, 1)).rejects.toMatchObject({ code: 'TIMEOUT' })
    expect(ticks).toEqual([])
  })
})
