import packageJson from '../../../package.json' with { type: 'json' }
import { expect, test } from '../fixtures.ts'

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

  test('says so when the link to the app host is refused', async ({ page, runningApp }) => {
    await page.goto(`${runningApp.origin}/?token=not-the-token`)
    await expect(page.getByRole('alert')).toContainText('Lost the connection to the app host')
    await expect(page.getByTestId('host-link')).toHaveText('Disconnected')
  })
})
