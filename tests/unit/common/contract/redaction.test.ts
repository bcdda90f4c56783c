import { describe, expect, it } from 'vitest'
import {
  REDACTED,
  redactEvent,
  redactRequest,
  redactHeaders,
  redactText,
  secretsOf,
  type ConnectionEvent,
  type HandshakeInfo,
} from '#common/contract/index.ts'

const handshake: HandshakeInfo = {
  url: 'wss://user:pw12@example.com/ws?key=tok-123456',
  status: 101,
  statusText: 'Switching Protocols',
  requestHeaders: [
    { name: 'Authorization', value: 'Bearer tok-123456' },
    { name: 'X-Api-Key', value: 'key-abcdef' },
    { name: 'X-Trace', value: 'mentions tok-123456 inside' },
    { name: 'Accept', value: '*/*' },
  ],
  responseHeaders: [{ name: 'Set-Cookie', value: 'sid=xyz' }],
  subprotocol: null,
  extensions: null,
  compression: null,
  durationMs: 1,
}

describe('secretsOf', () => {
  it('knows the default headers, the headers marked secret and the auth values', () => {
    const secrets = secretsOf({
      url: 'ws://h',
      headers: [
        { name: 'X-Api-Key', value: 'key-abcdef', secret: true },
        { name: 'X-Plain', value: 'visible' },
      ],
      auth: { type: 'bearer', token: 'tok-123456' },
    })
    expect([...secrets.headerNames].sort()).toEqual([
      'authorization',
      'cookie',
      'proxy-authorization',
      'set-cookie',
      'x-api-key',
    ])
    expect(secrets.values).toEqual(['key-abcdef', 'tok-123456'])
  })

  it('adds the values the request asks to redact (secret variables filled in)', () => {
    const secrets = secretsOf({ url: 'ws://h/?k=var-secret-1', redact: ['var-secret-1', 'ab'] })
    expect(secrets.values).toEqual(['var-secret-1'])
    expect(
      redactEvent(
        { type: 'connecting', seq: 1, ts: 0, attempt: 1, url: 'ws://h/?k=var-secret-1' },
        secrets,
      ),
    ).toMatchObject({ url: 'ws://h/?k=(redacted)' })
  })
})

describe('redactRequest', () => {
  it('replaces secret headers, auth, the client key and redacted values; keeps the rest', () => {
    const request = {
      url: 'wss://u:pw@h/?k=var-secret-1',
      headers: [
        { name: 'X-Key', value: 'marked-secret', secret: true },
        { name: 'X-Plain', value: 'a var-secret-1 b' },
        { name: 'X-Open', value: 'visible' },
      ],
      auth: { type: 'bearer' as const, token: 'tok-123456' },
      tls: { cert: 'CERT', key: 'KEY', passphrase: 'pass' },
      redact: ['var-secret-1'],
    }
    const shown = redactRequest(request, secretsOf(request))
    expect(shown).toEqual({
      url: 'wss://u:(redacted)@h/?k=(redacted)',
      headers: [
        { name: 'X-Key', value: '(redacted)', secret: true },
        { name: 'X-Plain', value: 'a (redacted) b' },
        { name: 'X-Open', value: 'visible' },
      ],
      auth: { type: 'bearer', token: '(redacted)' },
      tls: { cert: 'CERT', key: '(redacted)', passphrase: '(redacted)' },
    })
  })
})

describe('redactEvent', () => {
  const secrets = secretsOf({
    url: 'ws://h',
    headers: [{ name: 'X-Api-Key', value: 'key-abcdef', secret: true }],
    auth: { type: 'bearer', token: 'tok-123456' },
  })

  it('keeps header names and replaces secret values, wherever they appear', () => {
    const event = redactEvent({ type: 'open', seq: 2, ts: 1, handshake }, secrets)
    expect(event.handshake.requestHeaders).toEqual([
      { name: 'Authorization', value: REDACTED },
      { name: 'X-Api-Key', value: REDACTED },
      { name: 'X-Trace', value: `mentions ${REDACTED} inside` },
      { name: 'Accept', value: '*/*' },
    ])
    expect(event.handshake.responseHeaders).toEqual([{ name: 'Set-Cookie', value: REDACTED }])
    expect(event.handshake.url).toBe(`wss://user:${REDACTED}@example.com/ws?key=${REDACTED}`)
  })

  it('clears error sentences and leaves message payloads alone', () => {
    const error: ConnectionEvent = {
      type: 'error',
      seq: 3,
      ts: 1,
      code: 'HANDSHAKE_REJECTED',
      message: 'The server answered 401: {"token":"tok-123456"}',
    }
    expect(redactEvent(error, secrets)).toMatchObject({
      message: `The server answered 401: {"token":"${REDACTED}"}`,
    })
    const message: ConnectionEvent = {
      type: 'message',
      seq: 4,
      ts: 1,
      direction: 'in',
      kind: 'text',
      size: 10,
      data: 'tok-123456',
    }
    expect(redactEvent(message, secrets)).toBe(message)
  })
})

describe('redactHeaders and redactText', () => {
  it('do nothing to text without secrets, and ignore values too short to search for', () => {
    const secrets = secretsOf({
      url: 'ws://h',
      auth: { type: 'basic', username: 'u', password: 'pw' },
    })
    expect(secrets.values).toEqual([])
    expect(redactText('pw is short', secrets)).toBe('pw is short')
    expect(redactHeaders([{ name: 'X', value: 'y' }], secrets)).toEqual([{ name: 'X', value: 'y' }])
  })
})
