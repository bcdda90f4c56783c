import { describe, expect, it } from 'vitest'
import { defaultDraft } from '#common/contract/index.ts'
import {
  paramsOf,
  titleOf,
  urlProblem,
  withParams,
} from '../../../../../renderer/features/connection/draft.ts'

describe('urlProblem', () => {
  it('explains what is wrong with the URL, and nothing while it is empty', () => {
    expect(urlProblem(defaultDraft(''))).toBeNull()
    expect(urlProblem(defaultDraft('ws://127.0.0.1:8080/ws'))).toBeNull()
    expect(urlProblem(defaultDraft('127.0.0.1:8080/ws'))).toContain('has no scheme')
    expect(urlProblem(defaultDraft('mqtt://broker'))).toContain('mqtt:// is not supported')
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
