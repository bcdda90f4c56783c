import { describe, expect, it } from 'vitest'
import { answerAppRequest } from '../../../../main/host/desktop/app-request.ts'
import { APP_ENTRY_URL, createAppUrlCheck } from '../../../../main/host/desktop/app-url.ts'
import type { StaticFile } from '../../../../main/host/static-files.ts'

const file = (text: string, contentType: string): StaticFile => ({
  body: Buffer.from(text),
  contentType,
  immutable: false,
})
const files = new Map([
  ['/index.html', file('<!doctype html>', 'text/html; charset=utf-8')],
  ['/assets/app.js', file('run()', 'text/javascript; charset=utf-8')],
])
const isAppUrl = createAppUrlCheck(APP_ENTRY_URL)
const get = (url: string, method = 'GET') => answerAppRequest({ method, url }, files, isAppUrl)

describe('answerAppRequest', () => {
  it('serves a file by its path, with its type and the CSP', () => {
    const response = get('app://renderer/assets/app.js?v=1#x')
    expect(response.status).toBe(200)
    expect(response.headers['Content-Type']).toBe('text/javascript; charset=utf-8')
    expect(response.headers['Content-Security-Policy']).toContain("default-src 'none'")
    expect(Buffer.from(response.body as Uint8Array).toString()).toBe('run()')
  })

  it('serves the page for /', () => {
    expect(get('app://renderer/').status).toBe(200)
  })

  it('answers by the parsed path alone, and 404 for anything that is not a file of it', () => {
    const cases: [string, number][] = [
      // The URL parser resolves `..` (and `%2e%2e`) segments; they cannot climb above the root.
      ['app://renderer/../index.html', 200],
      ['app://renderer/%2e%2e/%2e%2e/package.json', 404],
      ['app://renderer/assets/..%2fapp.js', 404],
      ['app://renderer/assets%2fapp.js', 404],
      ['app://renderer/ASSETS/app.js', 404],
      ['app://renderer/index.html/', 404],
      ['app://other/index.html', 404],
    ]
    for (const [url, status] of cases) expect(get(url).status, url).toBe(status)
  })

  it('answers HEAD without a body and refuses other methods', () => {
    expect(get(APP_ENTRY_URL, 'HEAD')).toMatchObject({ status: 200, body: '' })
    expect(get(APP_ENTRY_URL, 'PUT')).toMatchObject({ status: 405 })
  })
})
