import { describe, expect, it } from 'vitest'
import {
  APP_ENTRY_URL,
  appEntryUrl,
  createAppUrlCheck,
} from '../../../../main/host/desktop/app-url.ts'

describe('createAppUrlCheck', () => {
  const isAppUrl = createAppUrlCheck(APP_ENTRY_URL)

  it('accepts the app’s own pages, whatever their path, query or fragment', () => {
    // The trap: every one of these has the origin "null" in Node's URL.
    expect(new URL(APP_ENTRY_URL).origin).toBe('null')
    for (const url of [
      'app://renderer/index.html',
      'app://renderer/',
      'app://renderer/assets/index-abc.js',
      'app://renderer/index.html?tab=1#/compare',
    ]) {
      expect(isAppUrl(url), url).toBe(true)
    }
  })

  it('refuses other hosts, schemes, credentials and garbage', () => {
    for (const url of [
      'app://evil/index.html',
      'app://renderer.evil/index.html',
      'app://user:pw@renderer/index.html',
      'other://renderer/index.html',
      'https://renderer/index.html',
      'file:///index.html',
      'about:blank',
      'javascript:alert(1)',
      'not a url',
      '',
    ]) {
      expect(isAppUrl(url), url).toBe(false)
    }
  })

  it('compares host and port for the dev server', () => {
    const isDevUrl = createAppUrlCheck('http://localhost:5173/')
    expect(isDevUrl('http://localhost:5173/src/main.ts')).toBe(true)
    expect(isDevUrl('http://localhost:5174/')).toBe(false)
    expect(isDevUrl('https://localhost:5173/')).toBe(false)
  })
})

describe('appEntryUrl', () => {
  it('loads the dev server only in development', () => {
    const devServerUrl = 'http://localhost:5173/'
    expect(appEntryUrl({ isPackaged: false, devServerUrl })).toBe(devServerUrl)
    expect(appEntryUrl({ isPackaged: true, devServerUrl })).toBe(APP_ENTRY_URL)
    expect(appEntryUrl({ isPackaged: false, devServerUrl: undefined })).toBe(APP_ENTRY_URL)
  })
})
