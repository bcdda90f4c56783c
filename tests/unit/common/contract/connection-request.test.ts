import { describe, expect, it } from 'vitest'
import {
  connectionRequest,
  inferProtocol,
  resolveTarget,
} from '#common/contract/connection-request.ts'

describe('inferProtocol', () => {
  it.each([
    ['ws://a', 'ws'],
    ['WSS://a', 'ws'],
    ['http://a', 'sse'],
    ['https://a/x', 'sse'],
    ['ftp://a', null],
    ['localhost:8080', null],
  ])('%s → %s', (url, protocol) => {
    expect(inferProtocol(url)).toBe(protocol)
  })
})

describe('resolveTarget', () => {
  it('keeps the scheme that matches the protocol and merges the query', () => {
    expect(
      resolveTarget(' ws://h:1/p?a=1 ', undefined, [
        { name: 'b', value: 'x y' },
        { name: '', value: 'skipped' },
      ]),
    ).toEqual({
      url: 'ws://h:1/p?a=1&b=x+y',
      protocol: 'ws',
    })
  })

  it('switches the scheme when asked for the other protocol', () => {
    expect(resolveTarget('https://h/stream', 'ws').url).toBe('wss://h/stream')
    expect(resolveTarget('ws://h/stream', 'sse').url).toBe('http://h/stream')
  })

  it('allows a fragment on SSE URLs only', () => {
    expect(resolveTarget('http://h/x#y').url).toBe('http://h/x#y')
    expect(() => resolveTarget('ws://h/x#y')).toThrow(
      'A WebSocket URL cannot have a fragment: remove "#y"',
    )
  })
})

describe('connectionRequest', () => {
  it('accepts a full request', () => {
    const request = {
      url: 'ws://h',
      headers: [{ name: 'a', value: 'b' }],
      auth: { type: 'basic', username: 'u', password: 'p' },
      tls: { rejectUnauthorized: false },
      ws: {
        subprotocols: ['x'],
        reconnect: { enabled: true, maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 100 },
      },
    }
    expect(connectionRequest(request, 'request')).toEqual(request)
  })

  it.each([
    [{ url: 5 }, 'request.url must be a string, got 5'],
    [{ url: 'ws://h', colour: 'red' }, 'request has an unknown field "colour"'],
    [
      { url: 'ws://h', headers: [{ name: 'a' }] },
      'request.headers[0].value must be a string, got undefined',
    ],
    [
      { url: 'ws://h', auth: { type: 'magic' } },
      'request.auth.type must be one of "none", "bearer", "basic", "api-key", got "magic"',
    ],
    [
      { url: 'ws://h', auth: { type: 'bearer' } },
      'request.auth.token must be a string, got undefined',
    ],
    [
      { url: 'ws://h', handshakeTimeoutMs: 0 },
      'request.handshakeTimeoutMs must be a whole number from 1 to 600000, got 0',
    ],
    [
      { url: 'ws://h', sse: { method: 'HEAD' } },
      'request.sse.method must be one of "GET", "POST", "PUT", "PATCH", "DELETE", got "HEAD"',
    ],
  ])('refuses %j: %s', (value, message) => {
    expect(() => connectionRequest(value, 'request')).toThrow(message)
  })
})
