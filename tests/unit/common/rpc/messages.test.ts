import { describe, expect, it } from 'vitest'
import { decodeMessage, encodeMessage, type RpcMessage } from '#common/rpc/index.ts'

describe('decodeMessage', () => {
  it('reads back every kind of message', () => {
    const messages: RpcMessage[] = [
      { kind: 'call', id: 1, method: 'getAppInfo', args: [] },
      { kind: 'return', id: 1, value: { a: 1 } },
      { kind: 'throw', id: 2, error: { code: 'TIMEOUT', message: 'late' } },
      { kind: 'event', name: 'demoServer', payload: [1, 2] },
    ]
    for (const message of messages)
      expect(decodeMessage(encodeMessage(message))).toEqual({ ok: true, message })
  })

  it.each([
    ['not JSON', '{', null, 'does not parse'],
    ['not an object', '42', null, 'not number'],
    ['an array', '[]', null, 'not an array'],
    ['null', 'null', null, 'not null'],
    ['an unknown kind', '{"kind":"hello","id":3}', 3, '"kind" must be'],
    ['a call without args', '{"kind":"call","id":1,"method":"m"}', 1, 'needs "args"'],
    [
      'a call with args not an array',
      '{"kind":"call","id":4,"method":"m","args":{}}',
      4,
      'needs "args"',
    ],
    [
      'a call with a string id',
      '{"kind":"call","id":"1","method":"m","args":[]}',
      null,
      'needs an "id"',
    ],
    ['a call with id 0', '{"kind":"call","id":0,"method":"m","args":[]}', null, 'needs an "id"'],
    [
      'a call with a fractional id',
      '{"kind":"call","id":1.5,"method":"m","args":[]}',
      null,
      'needs an "id"',
    ],
    [
      'a throw with an unknown code',
      '{"kind":"throw","id":1,"error":{"code":"X","message":"m"}}',
      1,
      'known code',
    ],
    ['an event without a name', '{"kind":"event","payload":1}', null, 'needs a "name"'],
    ['a binary frame', new Uint8Array(3), null, 'a binary frame of 3 bytes'],
  ])('refuses %s, saying why', (_case, data, id, problem) => {
    const decoded = decodeMessage(data)
    expect(decoded).toMatchObject({ ok: false, id })
    expect(!decoded.ok && decoded.problem).toContain(problem)
  })

  it('reads 100,000 levels of nesting without running out of stack', () => {
    const deep = `{"kind":"call","id":9,"method":"m","args":${'['.repeat(100_000)}${']'.repeat(100_000)}}`
    expect(decodeMessage(deep)).toMatchObject({ ok: true, message: { id: 9 } })
  })
})
