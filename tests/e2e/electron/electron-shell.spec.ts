import {
  _electron as electron,
  expect,
  test,
  type ElectronApplication,
  type Page,
} from '@playwright/test'
import { join } from 'node:path'
import packageJson from '../../../package.json' with { type: 'json' }
import { findElectronBinary } from '../../../main/host/desktop/electron-binary.ts'
import { packageRoot } from '../../../main/host/paths.ts'

const binary = findElectronBinary()

test.describe('the Electron shell', () => {
  test.skip(
    binary === null,
    'Electron’s binary is not installed on this machine (run "npx install-electron" where github.com is reachable)',
  )

  let app: ElectronApplication
  let page: Page

  test.beforeAll(async () => {
    app = await electron.launch({
      executablePath: binary!,
      args: [
        join(packageRoot(), 'out', 'main', 'index.js'),
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ],
    })
    page = await app.firstWindow()
    // Links must not really open a browser during tests.
    await app.evaluate(({ shell }) => {
      shell.openExternal = () => Promise.resolve()
    })
  })

  test.afterAll(async () => {
    await app?.close()
  })

  test('the bridge answers: the status bar shows the version from getAppInfo()', async () => {
    const statusBar = page.getByRole('contentinfo', { name: 'Status bar' })
    await expect(statusBar).toContainText(`Realtime Playground ${packageJson.version}`)
    await expect(statusBar).toContainText('Desktop app')
    await expect(statusBar).toContainText(/Electron 45\./)
  })

  test('the window is isolated, sandboxed and without Node', async () => {
    // getLastWebPreferences() exists at run time but is missing from Electron's type definitions.
    type WithPreferences = { getLastWebPreferences(): Record<string, unknown> }
    const preferences = await app.evaluate(({ BrowserWindow }) =>
      (
        BrowserWindow.getAllWindows()[0]!.webContents as unknown as WithPreferences
      ).getLastWebPreferences(),
    )
    expect(preferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    })
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
      'undefined',
    )
    expect(
      await page.evaluate(() =>
        Object.keys((globalThis as { realtimePlayground?: object }).realtimePlayground ?? {}),
      ),
    ).toEqual(['rpc'])
  })

  test('the page runs under a Content-Security-Policy that forbids eval', async () => {
    const evalResult = await page.evaluate(() => {
      try {
        return String(eval('1 + 1'))
      } catch (error) {
        return (error as Error).name
      }
    })
    expect(evalResult).toBe('EvalError')
  })

  test('window.open is denied and navigation away is blocked', async () => {
    expect(await page.evaluate(() => window.open('https://example.com') === null)).toBe(true)
    const before = page.url()
    await page.evaluate(() => {
      location.href = 'https://example.com/'
    })
    await expect(page.getByRole('contentinfo', { name: 'Status bar' })).toBeVisible()
    expect(page.url()).toBe(before)
    expect(app.windows()).toHaveLength(1)
  })
})
