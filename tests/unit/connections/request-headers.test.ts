import { describe, expect, it } from 'vitest'
import { headersObject, requestHeaders } from '../../../main/connections/request-headers.ts'

describe('requestHeaders', () => {
  it('adds the header each kind of auth sends', () => {
    const url = 'ws://h'
    expect(requestHeaders({ url, auth: { type: 'bearer', token: 't' } })).toEqual([
      { name: 'Authorization', value: 'Bearer t' },
    ])
    expect(
      requestHeaders({ url, auth: { type: 'basic', username: 'ada', password: 'pä' } }),
    ).toEqual([
      { name: 'Authorization', value: `Basic ${Buffer.from('ada:pä').toString('base64')}` },
    ])
    expect(
      requestHeaders({ url, auth: { type: 'api-key', header: 'X-Api-Key', value: 'k' } }),
    ).toEqual([{ name: 'X-Api-Key', value: 'k' }])
  })

  it('skips rows without a name and refuses values with line breaks', () => {
    expect(requestHeaders({ url: 'ws://h', headers: [{ name: ' ', value: 'x' }] })).toEqual([])
    expect(() =>
      requestHeaders({ url: 'ws://h', headers: [{ name: 'X', value: 'a\r\nInjected: 1' }] }),
    ).toThrow('contains a line break')
  })
})

describe('headersObject', () => {
  it('joins repeated names, whatever their case', () => {
    expect(
      headersObject([
        { name: 'Accept', value: 'a' },
        { name: 'accept', value: 'b' },
      ]),
    ).toEqual({ Accept: 'a, b' })
  })
})
