import { describe, expect, it } from 'vitest'
import { defaultDraft } from '../../../../main/common/contract/index.ts'
import {
  draftProtocol,
  outgoingMessage,
  toRequest,
} from '../../../../main/common/contract/draft-request.ts'

describe('draftProtocol', () => {
  it('follows the scheme unless overridden', () => {
    expect(draftProtocol(defaultDraft('wss://h/x'))).toBe('ws')
    expect(draftProtocol(defaultDraft('https://h/x'))).toBe('sse')
    expect(draftProtocol({ ...defaultDraft('https://h/x'), protocolOverride: 'ws' })).toBe('ws')
    expect(draftProtocol(defaultDraft('h/x'))).toBeNull()
  })
})

describe('toRequest', () => {
  it('sends only enabled, named headers, with template variables filled', () => {
    const draft = defaultDraft('ws://h/{{counter}}')
    draft.headers = [
      { name: 'X-Run', value: '{{counter}}', enabled: true },
      { name: 'X-Off', value: 'no', enabled: false },
      { name: ' ', value: 'blank', enabled: true },
    ]
    let counter = 0
    const request = toRequest(draft, (text) =>
      text.replaceAll('{{counter}}', () => String(++counter)),
    )
    expect(request.url).toBe('ws://h/1')
    expect(request.headers).toEqual([{ name: 'X-Run', value: '2' }])
    expect(request.ws).toMatchObject({ subprotocols: [], perMessageDeflate: true })
  })

  it('fills the auth values, naming each field to the filler', () => {
    const draft = defaultDraft('ws://h')
    draft.auth = { type: 'basic', username: '{{user}}', password: '{{pass}}' }
    const fields: string[] = []
    const request = toRequest(draft, (text, field) => {
      fields.push(field)
      return text.replace(/\{\{(\w+)\}\}/g, '<$1>')
    })
    expect(request.auth).toEqual({ type: 'basic', username: '<user>', password: '<pass>' })
    expect(fields).toEqual(expect.arrayContaining(['the URL', 'the username', 'the password']))
  })

  it('splits subprotocols and leaves out auto-ping when it is off', () => {
    const draft = defaultDraft('ws://h')
    draft.ws.subprotocols = ' chat.v1, ,json.v2 '
    expect(toRequest(draft).ws).toMatchObject({ subprotocols: ['chat.v1', 'json.v2'] })
    expect(toRequest(draft).ws?.autoPing).toBeUndefined()
    draft.ws.autoPing.enabled = true
    expect(toRequest(draft).ws?.autoPing).toEqual({ intervalMs: 30_000, timeoutMs: 10_000 })
  })

  it('sends a body only with a method that has one, and GET in browser-faithful mode', () => {
    const draft = defaultDraft('http://h/sse')
    draft.sse.body = '{"prompt": "hi"}'
    expect(toRequest(draft).sse).toEqual({ method: 'GET', mode: 'fetch' })
    draft.sse.method = 'POST'
    expect(toRequest(draft).sse).toMatchObject({
      method: 'POST',
      body: '{"prompt": "hi"}',
      contentType: 'application/json',
    })
    draft.sse.browserFaithful = true
    draft.sse.eventNames = 'tick, tock'
    expect(toRequest(draft).sse).toEqual({
      method: 'GET',
      mode: 'browser',
      eventNames: ['tick', 'tock'],
    })
  })

  it('turns TLS verification off only when asked', () => {
    const draft = defaultDraft('wss://h')
    expect(toRequest(draft).tls).toBeUndefined()
    draft.verifyTls = false
    expect(toRequest(draft).tls).toEqual({ rejectUnauthorized: false })
  })
})

describe('outgoingMessage', () => {
  it('makes text, JSON and binary messages from what the composer holds', () => {
    expect(outgoingMessage('text', 'hi')).toEqual({ kind: 'text', text: 'hi' })
    expect(outgoingMessage('json', '{}')).toEqual({ kind: 'json', text: '{}' })
    expect(outgoingMessage('hex', 'de ad')).toEqual({
      kind: 'binary',
      encoding: 'hex',
      data: 'de ad',
    })
  })
})
