import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator } from '@playwright/test'
import { packageRoot } from '../../../main/host/paths.ts'
import { expect, startBrowserModeApp, test } from '../fixtures.ts'
import { SessionsSidebar } from '../pages/sessions-sidebar.ts'
import { WorkspacePage } from '../pages/workspace-page.ts'

const HAR_FIXTURE = join(packageRoot(), 'tests', 'fixtures', 'har', 'ws-echo.har')

/** The rows a log shows, as text, in order. */
const texts = (rows: Locator): Promise<string[]> => rows.allInnerTexts()

test.describe('sessions', () => {
  test('a saved session is there after a reload, with its saved messages', async ({
    page,
    freshApp,
  }) => {
    const workspace = new WorkspacePage(page)
    const sidebar = new SessionsSidebar(page)
    await workspace.openOnDemoServer(freshApp.url, '/ws/echo')
    const tab = page.getByRole('tablist', { name: 'Connections' }).getByRole('tab')
    await expect(tab).toContainText('unsaved changes')

    await workspace.message.fill('{"op": "hello", "n": {{counter}}}')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.getByRole('textbox', { name: 'Name' }).fill('Greeting')
    await page.getByRole('button', { name: 'Save message' }).click()
    await page.keyboard.press('Control+s')
    await expect(sidebar.session('echo')).toBeVisible()
    await expect(tab).not.toContainText('unsaved changes')

    await page.reload()
    await expect(sidebar.session('echo')).toBeVisible()
    await expect(tab).toHaveCount(1)
    await expect(page.getByRole('button', { name: 'Send Greeting' })).toBeVisible()

    // Closed and opened again from the sidebar: the same settings and saved messages.
    await page.getByTitle('Close echo').click()
    await page.getByRole('button', { name: 'Close tab' }).click()
    await expect(tab).toHaveCount(0)
    await sidebar.session('echo').click()
    await expect(workspace.url).toHaveValue(/^ws:\/\/127\.0\.0\.1:\d+\/ws\/echo$/)
    await expect(page.getByRole('button', { name: 'Send Greeting' })).toBeVisible()
    await expect(tab).not.toContainText('unsaved changes')
    await workspace.url.fill(`${await workspace.url.inputValue()}?room=1`)
    await expect(tab).toContainText('unsaved changes')
  })

  test('a kept run reopens read-only with the same messages in the same order', async ({
    page,
    freshApp,
  }) => {
    const workspace = new WorkspacePage(page)
    const sidebar = new SessionsSidebar(page)
    await workspace.openOnDemoServer(freshApp.url, '/ws/echo')
    await page.getByRole('button', { name: 'Disconnect' }).click()
    // Saved: what the tab showed is kept with the session, and so is every connect after it.
    await page.getByRole('button', { name: 'Save session' }).click()
    await expect(await sidebar.runs('echo')).toHaveCount(1)

    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    for (const word of ['first', 'second', 'third']) {
      await workspace.send('Text', word)
      await expect(workspace.rows.filter({ hasText: word })).toHaveCount(2)
    }
    await workspace.send('Hex', '00 01 fe ff')
    await expect(workspace.rows.filter({ hasText: '00 01 fe ff' })).toHaveCount(2)
    await page.getByRole('button', { name: 'Disconnect' }).click()
    await expect(workspace.rows.filter({ hasText: 'Closed with 1000' })).toHaveCount(2)

    // What the live tab showed of the recorded connection: from its connect to its close.
    const live = await texts(workspace.rows)
    const recorded = live.slice(live.findLastIndex((row) => row.includes('Connecting to')))

    const runs = await sidebar.runs('echo')
    await expect(runs).toHaveCount(2)
    await expect(runs.first()).toContainText('8 messages')
    await runs.first().click()
    await expect(page.getByText('Recorded run', { exact: true })).toBeVisible()
    await expect(workspace.rows).toHaveCount(recorded.length)
    expect(await texts(workspace.rows)).toEqual(recorded)

    // Read-only, with the same search.
    await expect(page.getByRole('button', { name: 'Clear' })).toHaveCount(0)
    await workspace.search.fill('second')
    await expect(page.getByText('2 matches', { exact: true })).toBeVisible()

    // Exported as one file and imported back: a second session with the same run.
    const download = page.waitForEvent('download')
    await sidebar.menu('echo', 'Export…')
    const file = await (await download).path()
    await sidebar.import(file)
    await expect(sidebar.session('echo')).toHaveCount(2)
    await expect(workspace.url).toHaveValue(/\/ws\/echo$/)
    const runToggles = sidebar.root.getByRole('button', { name: 'Runs of echo' })
    await expect(runToggles).toHaveCount(2)
    for (const toggle of await runToggles.all())
      await expect(toggle).toHaveAttribute('title', '2 recorded runs')
  })

  test('imports a HAR capture of /ws/echo as a session with one run', async ({
    page,
    freshApp,
  }) => {
    const workspace = new WorkspacePage(page)
    const sidebar = new SessionsSidebar(page)
    await workspace.goto(freshApp.url)
    await sidebar.import(HAR_FIXTURE)
    const name = 'localhost:8080/ws/echo (HAR)'
    await expect(sidebar.session(name)).toBeVisible()
    await expect(workspace.url).toHaveValue('ws://localhost:8080/ws/echo')

    const runs = await sidebar.runs(name)
    await expect(runs).toHaveCount(1)
    await runs.first().click()
    await expect(workspace.rows.filter({ hasText: 'hello from the HAR capture' })).toHaveCount(2)
    await expect(workspace.rows.filter({ hasText: '"type":"subscribe"' })).toHaveCount(2)
    await expect(workspace.rows.filter({ hasText: 'de ad be ef' })).toHaveCount(2)
  })

  test('says where an import is malformed, and imports nothing', async ({ page, freshApp }) => {
    const workspace = new WorkspacePage(page)
    const sidebar = new SessionsSidebar(page)
    await workspace.goto(freshApp.url)
    const chooser = page.waitForEvent('filechooser')
    await sidebar.root.getByRole('button', { name: 'Import a session or HAR file' }).click()
    await (
      await chooser
    ).setFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format": "realtime-playground/session",\n "version": 1,,}'),
    })
    await expect(page.getByRole('alert')).toContainText('Could not import broken.json')
    await expect(page.getByRole('alert')).toContainText(/line 2/)
    await expect(page.getByRole('heading', { name: 'No saved sessions' })).toBeVisible()
  })

  test('folders, rename, search, and delete with undo', async ({ page, freshApp }) => {
    const workspace = new WorkspacePage(page)
    const sidebar = new SessionsSidebar(page)
    await workspace.openOnDemoServer(freshApp.url, '/ws/echo')
    await page.keyboard.press('Control+s')
    await workspace.openEndpoint('/sse/clock')
    await page.keyboard.press('Control+s')
    await expect(sidebar.session('clock')).toBeVisible()

    await sidebar.menu('echo', 'Rename')
    const rename = sidebar.root.getByRole('textbox', { name: 'New name for echo' })
    await rename.fill('Echo room')
    await rename.press('Enter')
    await expect(sidebar.session('Echo room')).toBeVisible()
    await expect(page.getByRole('tab', { name: /Echo room/ })).toBeVisible()

    await sidebar.root.getByRole('button', { name: 'New folder' }).click()
    const folderName = sidebar.root.getByRole('textbox', { name: 'New name for folder New folder' })
    await folderName.fill('Chat')
    await folderName.press('Enter')
    await expect(
      sidebar.root.getByRole('button', { name: 'Folder Chat', exact: true }),
    ).toBeVisible()
    await sidebar.menu('Echo room', 'Chat')
    await expect(
      sidebar.root.getByRole('button', { name: 'Folder Chat', exact: true }),
    ).toContainText('1')

    await sidebar.search.fill('clock')
    await expect(sidebar.session('clock')).toBeVisible()
    await expect(sidebar.session('Echo room')).toHaveCount(0)
    await sidebar.search.fill('')

    await sidebar.menu('clock', 'Delete')
    await expect(sidebar.session('clock')).toHaveCount(0)
    await page.getByRole('button', { name: 'Undo' }).click()
    await expect(sidebar.session('clock')).toBeVisible()
  })

  test('secret header values are not written to disk unless the user opts in', async ({
    page,
    freshApp,
  }) => {
    const workspace = new WorkspacePage(page)
    await workspace.goto(freshApp.url)
    await page.getByRole('button', { name: 'New connection' }).first().click()
    await workspace.url.fill('ws://127.0.0.1:9/ws')
    await page.getByRole('tab', { name: 'Headers' }).click()
    const value = page.getByRole('textbox', { name: 'Header value 1' })
    const fillSecret = async (): Promise<void> => {
      await page.getByRole('textbox', { name: 'Header name 1' }).fill('Authorization')
      await value.fill('Bearer s3cret')
      const secret = page.getByRole('button', { name: 'Secret value: Authorization' })
      if ((await secret.getAttribute('aria-pressed')) !== 'true') await secret.click()
    }
    await fillSecret()
    await expect(page.getByTestId('secrets-note')).toContainText('not written to disk')
    await page.keyboard.press('Control+s')
    const tab = page.getByRole('tablist', { name: 'Connections' }).getByRole('tab')
    await expect(tab).not.toContainText('unsaved changes')

    await page.reload()
    await page.getByRole('tab', { name: 'Headers' }).click()
    await expect(page.getByRole('textbox', { name: 'Header name 1' })).toHaveValue('Authorization')
    await expect(value).toHaveValue('')

    await page.getByRole('button', { name: 'Save them in plain text' }).click()
    await expect(page.getByTestId('secrets-note')).toContainText('saved in plain text')
    await fillSecret()
    await page.keyboard.press('Control+s')
    await page.reload()
    await page.getByRole('tab', { name: 'Headers' }).click()
    await expect(value).toHaveValue('Bearer s3cret')
  })
})

test('a damaged session file: the app starts, says so, and keeps the file aside', async ({
  page,
}) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'rp-e2e-damaged-'))
  await writeFile(join(dataDir, 'sessions.sqlite'), 'this is not a database '.repeat(500))
  const { app, process: child } = await startBrowserModeApp(dataDir)
  try {
    const workspace = new WorkspacePage(page)
    await workspace.goto(app.url)
    const notice = page.getByRole('navigation', { name: 'Sessions' }).getByRole('alert')
    await expect(notice).toContainText('could not be read')
    await expect(notice).toContainText('It was moved to')
    const kept = (await readdir(dataDir)).filter((name) => name.includes('damaged'))
    expect(kept).toHaveLength(1)
    expect(await readFile(join(dataDir, kept[0]!), 'utf8')).toContain('this is not a database')

    // The fresh store works.
    await page.getByRole('button', { name: 'New connection' }).first().click()
    await workspace.url.fill('ws://127.0.0.1:9/ws')
    await page.keyboard.press('Control+s')
    await expect(new SessionsSidebar(page).session('ws')).toBeVisible()
  } finally {
    child.kill('SIGTERM')
  }
})
