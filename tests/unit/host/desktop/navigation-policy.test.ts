import { describe, expect, it } from 'vitest'
import { APP_ENTRY_URL, createAppUrlCheck } from '../../../../main/host/desktop/app-url.ts'
import {
  allowsRedirect,
  decideNavigation,
  decideWindowOpen,
  externalLink,
  isPermissionGranted,
} from '../../../../main/host/desktop/navigation-policy.ts'

const isAppUrl = createAppUrlCheck(APP_ENTRY_URL)

describe('decideNavigation', () => {
  it('allows the app’s own pages', () => {
    expect(decideNavigation('app://renderer/index.html#/x', isAppUrl)).toEqual({ allow: true })
  })

  it('keeps everything else out, opening only https links outside', () => {
    expect(decideNavigation('https://example.com/a b', isAppUrl)).toEqual({
      allow: false,
      openExternally: 'https://example.com/a%20b',
    })
    expect(decideNavigation('http://example.com/', isAppUrl)).toEqual({
      allow: false,
      openExternally: null,
    })
  })
})

describe('allowsRedirect', () => {
  it('allows a redirect only within the app', () => {
    expect(allowsRedirect('app://renderer/index.html', isAppUrl)).toBe(true)
    expect(allowsRedirect('https://example.com/', isAppUrl)).toBe(false)
  })
})

describe('decideWindowOpen', () => {
  it('opens https links outside and nothing else', () => {
    expect(decideWindowOpen('https://example.com/')).toEqual({
      openExternally: 'https://example.com/',
    })
    expect(decideWindowOpen('app://renderer/index.html')).toEqual({ openExternally: null })
  })
})

describe('externalLink', () => {
  it('refuses every scheme that could run a program, and credentials', () => {
    for (const url of [
      'file:///C:/Windows/System32/calc.exe',
      'javascript:alert(1)',
      'smb://host/share',
      'ms-msdt:/id',
      'vscode://file/x',
      'http://example.com/',
      'https://user:pw@example.com/',
      'not a url',
    ]) {
      expect(externalLink(url), url).toBeNull()
    }
  })
})

describe('isPermissionGranted', () => {
  it('grants writing to the clipboard only', () => {
    expect(isPermissionGranted('clipboard-sanitized-write')).toBe(true)
    for (const permission of ['media', 'clipboard-read', 'notifications', 'openExternal', 'hid']) {
      expect(isPermissionGranted(permission), permission).toBe(false)
    }
  })
})
