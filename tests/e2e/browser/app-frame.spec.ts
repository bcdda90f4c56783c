import packageJson from '../../../package.json' with { type: 'json' }
import { expect, startBrowserModeApp, test } from '../fixtures.ts'
import { WorkspacePage } from '../pages/workspace-page.ts'

test.describe('the app frame in browser mode', () => {
  test('shows the version that came through /rpc in the status bar', async ({
    page,
    runningApp,
  }) => {
    await page.goto(runningApp.url)
    const statusBar = page.getByRole('contentinfo', { name: 'Status bar' })
    await expect(statusBar).toContainText(`Realtime Playground ${packageJson.version}`)
    await expect(statusBar).toContainText('Connected')
    await expect(statusBar).toContainText('Browser mode')
    await expect(statusBar).toContainText(/Node 2\d\./)
  })

  test('lays out the sessions sidebar and the connections area', async ({ page, runningApp }) => {
    await page.goto(runningApp.url)
    await expect(page.getByRole('navigation', { name: 'Sessions' })).toContainText(
      'No saved sessions',
    )
    await expect(page.getByRole('tablist', { name: 'Connections' })).toBeAttached()
    await expect(page.getByRole('button', { name: /^New connection \(/ })).toBeVisible()
    await expect(
      page.getByRole('heading', { name: 'Connect to a realtime endpoint' }),
    ).toBeVisible()
  })

  test('takes the token out of the address bar and still works after a reload', async ({
    page,
    runningApp,
  }) => {
    await page.goto(runningApp.url)
    await expect(page.getByTestId('host-link')).toHaveText('Connected')
    expect(new URL(page.url()).searchParams.has('token')).toBe(false)
    await page.reload()
    await expect(page.getByTestId('host-link')).toHaveText('Connected')
  })

  test('follows the system theme, and the theme switch overrides it', async ({
    page,
    runningApp,
  }) => {
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.goto(runningApp.url)
    await expect.poll(background).toBe('rgb(22, 24, 29)')
    await page.emulateMedia({ colorScheme: 'light' })
    await expect.poll(background).toBe('rgb(247, 248, 250)')

    // system → light → dark
    await page.getByRole('button', { name: /^Theme: system/ }).click()
    await page.getByRole('button', { name: /^Theme: light/ }).click()
    await expect(page.getByRole('button', { name: /^Theme: dark/ })).toBeVisible()
    await expect.poll(background).toBe('rgb(22, 24, 29)')
  })

  test('folds the sessions sidebar away with Ctrl+B, and keeps it so', async ({
    page,
    freshApp,
  }) => {
    await page.goto(freshApp.url)
    const sidebar = page.getByRole('navigation', { name: 'Sessions' })
    await expect(sidebar).toBeVisible()
    const url = page.getByRole('combobox', { name: 'URL' })
    await page
      .getByRole('button', { name: /^New connection/ })
      .first()
      .click()
    const narrow = (await url.boundingBox())!.width
    await page.keyboard.press('Control+b')
    await expect(sidebar).toHaveCount(0)
    // The room goes to the workspace: the URL field is wider.
    await expect.poll(async () => (await url.boundingBox())!.width).toBeGreaterThan(narrow + 200)
    await page.reload()
    await expect(page.getByTestId('host-link')).toHaveText('Connected')
    await expect(sidebar).toHaveCount(0)
    await page.getByRole('button', { name: /^Show the sessions sidebar/ }).click()
    await expect(sidebar).toBeVisible()
  })

  test('says so when the link to the app host is refused', async ({ page, runningApp }) => {
    await page.goto(`${runningApp.origin}/?token=not-the-token`)
    await expect(page.getByRole('alert')).toContainText('Lost the connection to the app host')
    await expect(page.getByTestId('host-link')).toHaveText('Disconnected')
  })
})

test('shows live state as unknown once the host stops answering', async ({ page }) => {
  const { app, process: host } = await startBrowserModeApp()
  try {
    const workspace = new WorkspacePage(page)
    await workspace.goto(app.url)
    await workspace.startDemoServer()
    await workspace.openEndpoint('/ws/echo')
    const status = page.getByRole('main').getByRole('status').filter({ hasText: /↓ \d/ })
    await expect(status).toContainText('Open')
    const demo = page.getByRole('region', { name: 'Demo server' })
    await expect(demo).toContainText('1 connected')
    host.kill('SIGKILL')
    await expect(page.getByTestId('host-link')).toHaveText('Disconnected')
    await expect(status).toContainText('Unknown while the app is not answering')
    await expect(status).not.toContainText('Open')
    await expect(demo).toContainText('unknown')
    await expect(demo).not.toContainText('connected')
    await expect(
      page.getByRole('tablist', { name: 'Connections' }).getByRole('tab').first(),
    ).toHaveAccessibleName(/unknown/)
  } finally {
    host.kill('SIGKILL')
  }
})
