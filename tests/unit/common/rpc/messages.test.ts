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
    for (const message of messages) expect(decodeMessage(encodeMessage(message))).toEqual(message)
  })

  it.each([
    ['not JSON', '{'],
    ['not an object', '42'],
    ['an unknown kind', '{"kind":"hello"}'],
    ['a call without args', '{"kind":"call","id":1,"method":"m"}'],
    ['a call with a fractional id', '{"kind":"call","id":1.5,"method":"m","args":[]}'],
    ['a throw with an unknown code', '{"kind":"throw","id":1,"error":{"code":"X","message":"m"}}'],
    ['an event without a name', '{"kind":"event","payload":1}'],
  ])('gives null for %s', (_case, text) => {
    expect(decodeMessage(text)).toBeNull()
  })
})
