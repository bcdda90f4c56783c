import { describe, expect, it } from 'vitest'
import { defaultDraft } from '#common/contract/index.ts'
import {
  draftProtocol,
  paramsOf,
  titleOf,
  toRequest,
  urlProblem,
  withParams,
} from '../../../../../renderer/features/connection/draft.ts'

describe('draftProtocol', () => {
  it('follows the scheme unless overridden', () => {
    expect(draftProtocol(defaultDraft('wss://h/x'))).toBe('ws')
    expect(draftProtocol(defaultDraft('https://h/x'))).toBe('sse')
    expect(draftProtocol({ ...defaultDraft('https://h/x'), protocolOverride: 'ws' })).toBe('ws')
    expect(draftProtocol(defaultDraft('h/x'))).toBeNull()
  })
})

describe('urlProblem', () => {
  it('explains what is wrong with the URL, and nothing while it is empty', () => {
    expect(urlProblem(defaultDraft(''))).toBeNull()
    expect(urlProblem(defaultDraft('ws://127.0.0.1:8080/ws'))).toBeNull()
    expect(urlProblem(defaultDraft('127.0.0.1:8080/ws'))).toContain('has no scheme')
    expect(urlProblem(defaultDraft('mqtt://broker'))).toContain('mqtt:// is not supported')
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

describe('paramsOf and withParams', () => {
  it('read and write the query, keeping the rest of the URL as typed', () => {
    const url = 'ws://h:1/p?a=1&b=two%20words#frag'
    expect(paramsOf(url)).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: 'two words' },
    ])
    expect(
      withParams(url, [
        { name: 'a', value: '2' },
        { name: 'c', value: '' },
      ]),
    ).toBe('ws://h:1/p?a=2&c=#frag')
    expect(withParams('ws://h/p', [{ name: 'x', value: 'y' }])).toBe('ws://h/p?x=y')
    expect(withParams('ws://h/p?x=y', [])).toBe('ws://h/p')
  })

  it('keep {{variables}} in the query as typed', () => {
    expect(
      withParams('ws://{{host}}/p', [
        { name: 'key', value: '{{api key}}x' },
        { name: '{{name}}', value: 'a b' },
      ]),
    ).toBe('ws://{{host}}/p?key={{api key}}x&{{name}}=a+b')
  })
})

describe('titleOf', () => {
  it('names a tab after the last path segment, else the host', () => {
    expect(titleOf('ws://127.0.0.1:8080/ws/echo?x=1')).toBe('echo')
    expect(titleOf('https://api.example.com/')).toBe('api.example.com')
    expect(titleOf('')).toBe('New connection')
  })
})
