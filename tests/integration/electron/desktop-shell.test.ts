import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createApiClient, decodeMessage, type ApiClient } from '#common/rpc/index.ts'
import { packageRoot } from '../../../main/host/paths.ts'
import type {
  ElectronStandIn,
  StandInWindow,
} from '../../support/electron-stand-in/electron-stand-in.ts'
import {
  loadDesktopShell,
  preloadPort,
  runPreload,
  sendFromFrame,
} from '../../support/electron-stand-in/load-desktop-shell.ts'

/**
 * The built desktop shell (out/main/index.js), driven as Electron would drive it, through a
 * stand-in of Electron's API. Everything under the stand-in is real.
 */
const ENTRY = 'app://renderer/index.html'
const debugLines: string[] = []

let shell: ElectronStandIn
let window: StandInWindow
let api: ApiClient

beforeAll(async () => {
  process.env.DEBUG = 'realtime-playground:ipc'
  vi.spyOn(console, 'debug').mockImplementation((line: string) => void debugLines.push(line))
  shell = await loadDesktopShell()
  window = shell.windows[0]!
  await vi.waitFor(() => expect(window.webContents.lastLoad).not.toBeNull())
  api = createApiClient(preloadPort(await runPreload(shell, window)).rpc, {
    timers: globalThis,
    timeoutMs: 5_000,
  })
})

afterAll(async () => {
  api.close()
  window.close()
  await shell.quitted
  delete process.env.DEBUG
})

describe('start-up', () => {
  it('registers the app scheme as privileged and turns the sandbox on before the app is ready', () => {
    expect(shell.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ])
    expect(shell.calls.enableSandbox).toBe(1)
  })

  it('opens one window on its own page, which loads with 200', () => {
    expect(shell.windows).toHaveLength(1)
    expect(window.webContents.lastLoad).toMatchObject({ url: ENTRY, status: 200 })
    expect(window.isVisible()).toBe(true)
  })

  it('makes the window isolated, sandboxed, without Node, with the built preload', () => {
    const preferences = window.options.webPreferences as Record<string, unknown>
    expect(preferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
    expect(preferences.preload).toBe(join(packageRoot(), 'out', 'preload', 'index.cjs'))
  })
})

describe('the app scheme', () => {
  it('serves the page with its Content-Security-Policy, and every script and stylesheet it names', async () => {
    const page = await shell.request(ENTRY)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const csp = page.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("connect-src 'none'")
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')

    const html = await page.text()
    const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((match) => match[1]!)
    const styles = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map(
      (match) => match[1]!,
    )
    expect(scripts.length).toBeGreaterThan(0)
    expect(styles.length).toBeGreaterThan(0)
    for (const [paths, type] of [
      [scripts, 'text/javascript; charset=utf-8'],
      [styles, 'text/css; charset=utf-8'],
    ] as const) {
      for (const path of paths) {
        const response = await shell.request(new URL(path, ENTRY).href)
        expect(response.status, path).toBe(200)
        expect(response.headers.get('content-type'), path).toBe(type)
        expect(response.headers.get('content-security-policy'), path).toBe(csp)
      }
    }
  })

  it('answers the page for a query string or a fragment', async () => {
    for (const url of [`${ENTRY}?tab=2`, `${ENTRY}#/compare`, 'app://renderer/']) {
      const response = await shell.request(url)
      expect(response.status, url).toBe(200)
      expect(await response.text(), url).toContain('<div id="app">')
    }
  })

  it('never serves a file from outside the built renderer', async () => {
    const packageJson = readFileSync(join(packageRoot(), 'package.json'), 'utf8')
    for (const url of [
      'app://renderer/../package.json',
      'app://renderer/%2e%2e/%2e%2e/package.json',
      'app://renderer/assets/..%2f..%2f..%2fpackage.json',
      'app://renderer/..%5c..%5cpackage.json',
      'app://renderer//etc/passwd',
      'app://renderer/%2Fetc%2Fpasswd',
      'app://evil/index.html',
      'app://RENDERER.evil/index.html',
    ]) {
      const response = await shell.request(url)
      const body = await response.text()
      expect(body, url).not.toBe(packageJson)
      expect(body, url).not.toContain('root:')
      expect([200, 404], url).toContain(response.status)
      if (response.status === 200) expect(body, url).toContain('<div id="app">')
    }
    expect((await shell.request('app://evil/index.html')).status).toBe(404)
    expect((await shell.request('app://renderer/missing.js')).status).toBe(404)
  })

  it('refuses methods other than GET and HEAD', async () => {
    const response = await shell.request(ENTRY, 'POST')
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('GET, HEAD')
  })
})

describe('IPC', () => {
  it('answers an RPC call from the window’s top frame, through the preload port', async () => {
    const info = await api.getAppInfo()
    expect(info).toMatchObject({ shell: 'electron', productName: 'Realtime Playground' })
    expect(info.dataDir).toBe(shell.modules.app.getPath('userData'))
  })

  it('ignores calls from a subframe, another window, a foreign page or a gone frame, and counts them', async () => {
    const replies: number[] = []
    window.webContents.rendererListeners.set(
      'realtime-playground:rpc',
      new Set([
        (_event: object, message: unknown) => {
          const decoded = decodeMessage(message)
          const reply = decoded.ok ? decoded.message : null
          if ((reply?.kind === 'return' || reply?.kind === 'throw') && reply.id !== null)
            replies.push(reply.id)
        },
      ]),
    )
    const call = (id: number): string =>
      JSON.stringify({ kind: 'call', id, method: 'getAppInfo', args: [] })
    const other = new shell.modules.BrowserWindow({ width: 400, height: 300 })
    const foreign = new (
      await import('../../support/electron-stand-in/web-contents.ts')
    ).StandInFrame('https://evil.example/', null)
    const before = debugLines.length

    sendFromFrame(shell, window, window.webContents.addSubframe(ENTRY), call(9001))
    sendFromFrame(shell, other, other.webContents.mainFrame, call(9002))
    sendFromFrame(shell, window, foreign, call(9003))
    sendFromFrame(shell, window, null, call(9004))
    sendFromFrame(shell, window, window.webContents.mainFrame, { kind: 'call', id: 9005 })
    sendFromFrame(shell, window, window.webContents.mainFrame, call(9006))

    await vi.waitFor(() => expect(replies).toContain(9006))
    expect(replies).toEqual([9006])
    expect(debugLines.slice(before)).toEqual([
      `realtime-playground:ipc dropped an IPC message: sent by a subframe at ${ENTRY} (1 dropped so far)`,
      'realtime-playground:ipc dropped an IPC message: sent by a web contents other than the app window (2 dropped so far)',
      'realtime-playground:ipc dropped an IPC message: sent by a frame at https://evil.example/ (3 dropped so far)',
      'realtime-playground:ipc dropped an IPC message: its frame is gone or navigated away (4 dropped so far)',
      'realtime-playground:ipc dropped an IPC message: a payload that is not a string (object) (5 dropped so far)',
    ])
    other.close()
  })
})

describe('navigation, windows and permissions', () => {
  it('lets the page navigate within the app', async () => {
    expect(await window.webContents.navigate(`${ENTRY}#/sessions`)).toEqual({ prevented: false })
    expect(window.webContents.getURL()).toBe(`${ENTRY}#/sessions`)
  })

  it('keeps the page from navigating away, and opens https links in the system browser', async () => {
    const before = shell.openedExternally.length
    expect(await window.webContents.navigate('https://example.com/docs')).toEqual({
      prevented: true,
    })
    expect(await window.webContents.navigate('file:///etc/passwd')).toEqual({ prevented: true })
    expect(await window.webContents.navigate('http://example.com/')).toEqual({ prevented: true })
    expect(window.webContents.redirect('https://example.com/')).toEqual({ prevented: true })
    expect(window.webContents.redirect(`${ENTRY}?after=redirect`)).toEqual({ prevented: false })
    expect(window.webContents.getURL()).toMatch(/^app:\/\/renderer\//)
    expect(shell.openedExternally.slice(before)).toEqual(['https://example.com/docs'])
  })

  it('denies every window.open, handing only https links to the system browser', () => {
    const before = shell.openedExternally.length
    for (const url of [
      'https://example.com/a',
      'javascript:alert(1)',
      'file:///etc/passwd',
      ENTRY,
    ]) {
      expect(window.webContents.openWindow(url), url).toEqual({ action: 'deny' })
    }
    expect(shell.openedExternally.slice(before)).toEqual(['https://example.com/a'])
    expect(window.webContents.attachWebview('https://example.com/')).toEqual({ prevented: true })
  })

  it('denies media and every other permission but writing to the clipboard', async () => {
    const contents = window.webContents
    for (const permission of [
      'media',
      'notifications',
      'geolocation',
      'openExternal',
      'clipboard-read',
    ]) {
      expect(await shell.requestPermission(contents, permission), permission).toBe(false)
      expect(shell.checkPermission(contents, permission), permission).toBe(false)
    }
    expect(await shell.requestPermission(contents, 'clipboard-sanitized-write')).toBe(true)
  })
})

describe('desktop conventions', () => {
  it('has an application menu with Edit, View with zoom, Window and Help', () => {
    const menu = shell.applicationMenu!.items
    const labels = menu.map((item) => item.label ?? item.role)
    expect(labels).toEqual(['&File', '&Edit', '&View', '&Window', '&Help'])
    const roles = (label: string): (string | undefined)[] =>
      menu.find((item) => item.label === label)!.submenu!.map((item) => item.role)
    expect(roles('&Edit')).toEqual(
      expect.arrayContaining(['copy', 'paste', 'cut', 'selectAll', 'undo']),
    )
    expect(roles('&View')).toEqual(expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom']))
    // The stand-in app is not packaged: development keeps DevTools.
    expect(roles('&View')).toContain('toggleDevTools')
    expect(shell.aboutPanel).toMatchObject({ applicationName: 'Realtime Playground' })
  })

  it('opens the project’s pages from Help in the system browser', () => {
    const help = shell.applicationMenu!.items.find((item) => item.label === '&Help')!
    const before = shell.openedExternally.length
    help.submenu!.find((item) => item.label === 'Report an Issue')!.click!()
    expect(shell.openedExternally.slice(before)).toEqual([
      'https://github.com/realtime-playground/realtime-playground/issues',
    ])
  })

  it('focuses the running window when the app is started a second time', () => {
    window.minimize()
    shell.launchSecondInstance()
    expect(window.isMinimized()).toBe(false)
    expect(window.focused).toBe(true)
  })
})
