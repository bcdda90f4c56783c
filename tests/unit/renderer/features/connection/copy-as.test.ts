import { describe, expect, it } from 'vitest'
import type { ConnectionRequest } from '#common/contract/index.ts'
import { copyAs, shellWord } from '../../../../../renderer/features/connection/copy-as.ts'

const ws: ConnectionRequest = {
  url: 'wss://api.example/ws?room=a b',
  protocol: 'ws',
  headers: [{ name: 'X-Team', value: "it's us" }],
  auth: { type: 'bearer', token: 'tok123' },
  ws: { subprotocols: ['chat.v1', 'json.v2'] },
}

const sse: ConnectionRequest = {
  url: 'https://api.example/v1/chat',
  protocol: 'sse',
  auth: { type: 'basic', username: 'ada', password: 'pw' },
  sse: { method: 'POST', body: '{"prompt":"hi"}', contentType: 'application/json' },
}

describe('copyAs', () => {
  it('quotes for a POSIX shell only where needed', () => {
    expect(shellWord('ws://h:1/a')).toBe('ws://h:1/a')
    expect(shellWord("it's")).toBe(`'it'\\''s'`)
  })

  it('writes websocat and wscat lines with the headers, auth and subprotocols', () => {
    expect(copyAs(ws, 'websocat')).toBe(
      `websocat -H 'X-Team: it'\\''s us' -H 'Authorization: Bearer tok123' --protocol 'chat.v1, json.v2' 'wss://api.example/ws?room=a b'`,
    )
    expect(copyAs({ ...ws, tls: { rejectUnauthorized: false } }, 'wscat')).toBe(
      `wscat --no-check -H 'X-Team: it'\\''s us' -H 'Authorization: Bearer tok123' -s chat.v1 -s json.v2 -c 'wss://api.example/ws?room=a b'`,
    )
  })

  it('writes curl -N for SSE, with the method, body and basic auth', () => {
    expect(copyAs(sse, 'curl')).toBe(
      [
        'curl -N',
        '-X POST',
        `-H 'Accept: text/event-stream'`,
        `-H 'Authorization: Basic YWRhOnB3'`,
        `-H 'Content-Type: application/json'`,
        `--data-raw '{"prompt":"hi"}'`,
        'https://api.example/v1/chat',
      ].join(' \\\n  '),
    )
  })

  it('says where a browser script cannot do what the app did', () => {
    expect(copyAs(ws, 'javascript')).toContain("A browser's WebSocket cannot set handshake headers")
  })
})
