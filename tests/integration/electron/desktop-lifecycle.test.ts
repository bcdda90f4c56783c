import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { createApiClient, type ApiClient } from '#common/rpc/index.ts'
import type { ElectronStandIn } from '../../support/electron-stand-in/electron-stand-in.ts'
import {
  loadDesktopShell,
  preloadPort,
  runPreload,
} from '../../support/electron-stand-in/load-desktop-shell.ts'
import { tempDir } from '../../support/temp-dir.ts'

/** The built shell across starts and stops, each test with a shell of its own. */

async function started(shell: ElectronStandIn): Promise<ApiClient> {
  const window = shell.windows[0]!
  await vi.waitFor(() => expect(window.isVisible()).toBe(true))
  return createApiClient(preloadPort(await runPreload(shell, window)).rpc, {
    timers: globalThis,
    timeoutMs: 5_000,
  })
}

async function quit(shell: ElectronStandIn, api?: ApiClient): Promise<void> {
  api?.close()
  for (const window of shell.modules.BrowserWindow.getAllWindows()) window.close()
  await shell.quitted
}

describe('the packaged app', () => {
  it('has no DevTools or reload in its menu', async () => {
    const shell = await loadDesktopShell({ isPackaged: true })
    const view = shell.applicationMenu!.items.find((item) => item.label === '&View')!
    const roles = view.submenu!.map((item) => item.role)
    expect(roles).not.toContain('toggleDevTools')
    expect(roles).not.toContain('reload')
    expect(roles).toContain('zoomIn')
    await quit(shell)
  })

  it('loads its own page even when ELECTRON_RENDERER_URL is set', async () => {
    process.env.ELECTRON_RENDERER_URL = 'http://127.0.0.1:9/'
    try {
      const shell = await loadDesktopShell({ isPackaged: true })
      await vi.waitFor(() =>
        expect(shell.windows[0]!.webContents.lastLoad?.url).toBe('app://renderer/index.html'),
      )
      await quit(shell)
    } finally {
      delete process.env.ELECTRON_RENDERER_URL
    }
  })
})

describe('quitting', () => {
  it('closes connections, the demo server and the session database before the process ends', async () => {
    const shell = await loadDesktopShell()
    const api = await started(shell)
    const { url } = await api.startDemoServer({ port: 0 })
    await quit(shell, api)
    // The quit was held until the host closed, then asked for again.
    expect(shell.calls.quit).toBe(2)
    await expect(fetch(url)).rejects.toThrow()
  })

  it('quits at once when another instance holds the lock, opening no window', async () => {
    const shell = await loadDesktopShell({ singleInstanceLock: false })
    expect(shell.calls.quit).toBe(1)
    expect(shell.windows).toEqual([])
  })
})

describe('the window’s place', () => {
  it('is remembered across restarts', async () => {
    const userData = tempDir('rp-shell-')
    const first = await loadDesktopShell({ userData })
    await started(first)
    first.windows[0]!.setBounds({ x: 100, y: 50, width: 1000, height: 700 })
    await quit(first)
    expect(existsSync(join(userData, 'window-placement.json'))).toBe(true)

    const second = await loadDesktopShell({ userData })
    expect(second.windows[0]!.getBounds()).toEqual({ x: 100, y: 50, width: 1000, height: 700 })
    await quit(second)
  })

  it('is moved back onto a display when the one it was on is gone', async () => {
    const userData = tempDir('rp-shell-')
    writeFileSync(
      join(userData, 'window-placement.json'),
      JSON.stringify({ bounds: { x: 3000, y: 200, width: 1200, height: 800 }, maximized: false }),
    )
    const shell = await loadDesktopShell({
      userData,
      workAreas: [{ x: 0, y: 0, width: 1440, height: 900 }],
    })
    const bounds = shell.windows[0]!.getBounds()
    expect(bounds.x).toBeGreaterThanOrEqual(0)
    expect(bounds.x + bounds.width).toBeLessThanOrEqual(1440)
    expect(bounds.y + bounds.height).toBeLessThanOrEqual(900)
    await quit(shell)
  })

  it('starts at the default size when the file is damaged', async () => {
    const userData = tempDir('rp-shell-')
    writeFileSync(join(userData, 'window-placement.json'), '{"bounds": ')
    const shell = await loadDesktopShell({ userData })
    expect(shell.windows[0]!.getBounds()).toMatchObject({ width: 1280, height: 800 })
    await quit(shell)
    expect(JSON.parse(readFileSync(join(userData, 'window-placement.json'), 'utf8'))).toMatchObject(
      {
        bounds: { width: 1280, height: 800 },
      },
    )
  })
})

describe('secrets at rest', () => {
  it('are encrypted where safeStorage has the OS keychain', async () => {
    const shell = await loadDesktopShell({ safeStorageBackend: 'keychain' })
    const api = await started(shell)
    expect((await api.listSessions()).storage).toMatchObject({
      secrets: 'encrypted',
      encryptionAvailable: true,
    })
    await quit(shell, api)
  })

  it('count as unprotected under Linux’s hard-coded key', async () => {
    const shell = await loadDesktopShell({ safeStorageBackend: 'basic_text' })
    const api = await started(shell)
    const { storage } = await api.listSessions()
    if (process.platform === 'linux') {
      expect(storage).toMatchObject({ secrets: 'not-saved', encryptionAvailable: false })
    } else {
      expect(storage.encryptionAvailable).toBe(true)
    }
    await quit(shell, api)
  })
})
