import { once } from 'node:events'
import { mkdtemp } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, startBrowserModeApp, test } from '../fixtures.ts'
import { WorkspacePage } from '../pages/workspace-page.ts'

/** A port free now, for an app that must come back on the same origin after a restart. */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  server.close()
  await once(server, 'close')
  return port
}

test('a reload brings every tab back whole, and a live one goes on without a row twice', async ({
  page,
  freshApp,
}) => {
  const workspace = new WorkspacePage(page)
  const tabs = page.getByRole('tablist', { name: 'Connections' }).getByRole('tab')
  await workspace.openOnDemoServer(freshApp.url, '/sse/llm')
  await expect(workspace.row('[DONE]')).toBeVisible()
  await workspace.openEndpoint('/ws/echo')
  for (const word of ['one', 'two']) {
    await workspace.send('Text', word)
    await expect(workspace.row(word)).toHaveCount(2)
  }
  // How the log is looked at comes back too: its search and the selected row.
  await workspace.search.fill('two')
  await expect(page.getByText('2 matches', { exact: true })).toBeVisible()
  await workspace.row('one').last().click()
  await page.waitForTimeout(600)

  await page.reload()
  await expect(workspace.search).toHaveValue('two')
  await expect(page.getByText('2 matches', { exact: true })).toBeVisible()
  await expect(workspace.row('one').last()).toHaveAttribute('aria-selected', 'true')
  await workspace.search.fill('')
  await expect(tabs).toHaveCount(2)
  // The WebSocket is still open in the app: its rows are back, and new ones follow them.
  await expect(workspace.row('one')).toHaveCount(2)
  await expect(workspace.row('two')).toHaveCount(2)
  await expect(page.getByRole('button', { name: 'Disconnect' })).toBeVisible()
  await workspace.send('Text', 'three')
  await expect(workspace.row('three')).toHaveCount(2)
  await expect(workspace.row(/^.*Connecting to/)).toHaveCount(1)
  await expect(workspace.row('one')).toHaveCount(2)

  // The finished SSE stream is back too, from its connect to its end.
  await tabs.first().click()
  await expect(workspace.row('[DONE]')).toBeVisible()
  await workspace.row('[DONE]').click()
  await page.keyboard.press('Home')
  await expect(workspace.row(/Connecting to/)).toHaveCount(1)
})

test('kill -9 and restart: the rows kept are back, with a marker where the stream was cut', async ({
  page,
  demoServerUrl,
}) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'rp-e2e-journal-'))
  const port = await freePort()
  const workspace = new WorkspacePage(page)
  let running = await startBrowserModeApp(dataDir, port)
  const restart = async (): Promise<void> => {
    const exited = once(running.process, 'exit')
    running.process.kill('SIGKILL')
    await exited
    running = await startBrowserModeApp(dataDir, port)
    await workspace.goto(running.app.url)
  }
  try {
    await workspace.goto(running.app.url)
    await page
      .getByRole('button', { name: /^New connection/ })
      .first()
      .click()
    await workspace.url.fill(`${demoServerUrl.replace('http:', 'ws:')}/ws/echo`)
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    await workspace.send('Text', 'before the crash')
    await expect(workspace.row('before the crash')).toHaveCount(2)
    // The journal writes a few times a second: what has been shown a moment is committed.
    await page.waitForTimeout(500)

    await restart()
    await expect(workspace.row('before the crash')).toHaveCount(2)
    await expect(workspace.row(/^.*App restarted — \d+ rows before this point/)).toHaveCount(1)
    // Not reconnected: that is the user's call, in Settings.
    await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeVisible()

    await page.getByRole('button', { name: 'Settings', exact: true }).click()
    await page.getByRole('checkbox', { name: /Reconnect tabs that were connected/ }).check()
    await page.getByRole('button', { name: 'Done', exact: true }).click()
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    await workspace.send('Text', 'after the first restart')
    await expect(workspace.row('after the first restart')).toHaveCount(2)
    await page.waitForTimeout(500)

    await restart()
    await expect(workspace.row('before the crash')).toHaveCount(2)
    await expect(workspace.row('after the first restart')).toHaveCount(2)
    await expect(workspace.row(/App restarted/)).toHaveCount(2)
    await expect(page.getByRole('button', { name: 'Disconnect' })).toBeVisible()
    await expect(workspace.row(/Open: 101/)).toHaveCount(3)
  } finally {
    running.process.kill('SIGTERM')
  }
})
