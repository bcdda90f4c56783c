import { expect, test } from '../fixtures.ts'
import { WorkspacePage } from '../pages/workspace-page.ts'

test.describe('the workspace, as a new user', () => {
  test('is looking at live messages two clicks after opening the app', async ({
    page,
    freshApp,
  }) => {
    const workspace = new WorkspacePage(page)
    await workspace.goto(freshApp.url)
    await page.getByRole('main').getByRole('button', { name: 'Start demo server' }).click()
    await page.getByRole('main').getByRole('button', { name: 'Open /sse/clock' }).click()
    await expect(workspace.row(/Open: 200 OK/)).toBeVisible()
    await expect(workspace.rows.filter({ hasText: /\d{4}-\d\d-\d\dT/ }).nth(1)).toBeVisible()
    await expect(page.getByRole('tab', { name: /clock/ })).toBeVisible()
    // The status line: open, for how long, at what rate (the clock ticks once a second).
    const status = page.getByRole('main').getByRole('status').filter({ hasText: /↓ \d/ })
    await expect(status).toContainText(/Open\s*· ↓ \d+ · ↑ 0\s*· \d+\.\d s\s*· 1\/s/)
  })

  test('sends JSON and binary on a WebSocket and sees them echoed', async ({ page, freshApp }) => {
    const workspace = new WorkspacePage(page)
    await workspace.openOnDemoServer(freshApp.url, '/ws/echo')

    await workspace.send('JSON', '{"greeting": "hello", "items": [1, 2, {"deep": true}]}')
    const echo = workspace.rows.filter({ hasText: 'greeting' }).last()
    await expect(workspace.rows.filter({ hasText: 'greeting' })).toHaveCount(2)
    await echo.click()
    const tree = workspace.details.getByRole('list', { name: 'JSON tree' })
    await expect(tree).toContainText('greeting:')
    await expect(tree).toContainText('"hello"')
    await expect(tree).toContainText('deep:')

    await workspace.send('Hex', 'de ad be ef 00 ff')
    await expect(workspace.rows.filter({ hasText: 'de ad be ef 00 ff' })).toHaveCount(2)
    await workspace.rows.filter({ hasText: 'de ad be ef 00 ff' }).last().click()
    // A binary message opens as a hex dump: the same six bytes that were sent.
    await expect(workspace.details).toContainText('00000000  de ad be ef 00 ff')
    await expect(workspace.details).toContainText('Received')
  })

  test('shows what fits of a long message in its row, and all of it in the detail', async ({
    page,
    freshApp,
  }) => {
    const workspace = new WorkspacePage(page)
    await workspace.openOnDemoServer(freshApp.url, '/ws/echo')
    await workspace.send('Text', `${'y'.repeat(2_000)}END`)
    const rows = workspace.rows.filter({ hasText: 'yyyy' })
    await expect(rows).toHaveCount(2)
    // A row's preview is cut to about its width (a few dozen characters here), not 300.
    await expect(async () => {
      const run = /y+/.exec((await rows.last().textContent()) ?? '')?.[0] ?? ''
      expect(run.length).toBeGreaterThan(20)
      expect(run.length).toBeLessThan(250)
    }).toPass()
    await rows.last().click()
    await expect(workspace.details).toContainText('END')
  })

  test('filters by direction, searches with a count, and steps through matches', async ({
    page,
    freshApp,
  }) => {
    const workspace = new WorkspacePage(page)
    await workspace.openOnDemoServer(freshApp.url, '/ws/echo')
    for (const word of ['alpha', 'beta', 'alphabet']) {
      await workspace.send('Text', word)
      await expect(workspace.rows.filter({ hasText: word })).not.toHaveCount(0)
    }
    await expect(workspace.rows.filter({ hasText: 'alphabet' })).toHaveCount(2)

    await workspace.search.fill('alpha')
    await expect(page.getByText('4 matches', { exact: true })).toBeVisible()
    await workspace.search.press('Enter')
    await expect(page.getByText('1 / 4')).toBeVisible()
    await page.getByRole('button', { name: 'Next match' }).click()
    await expect(page.getByText('2 / 4')).toBeVisible()
    // What was found is marked in the rows, the word and not the whole cell.
    await expect(workspace.rows.locator('mark').first()).toHaveText(/^alpha$/i)
    // Only the matches: four rows (alpha and alphabet, each sent and echoed).
    await page.getByRole('button', { name: 'Only matches' }).click()
    await expect(workspace.rows).toHaveCount(4)
    await page.getByRole('button', { name: 'Only matches' }).click()
    await expect(workspace.rows).not.toHaveCount(4)

    await page.getByRole('button', { name: 'Filter' }).click()
    await page.getByRole('checkbox', { name: 'Sent' }).uncheck()
    await page.getByRole('checkbox', { name: 'Lifecycle events' }).uncheck()
    await page.keyboard.press('Escape')
    await expect(workspace.rows).toHaveCount(3)
    await expect(page.getByText(/^(\d \/ 2|2 matches)$/)).toBeVisible()

    await workspace.search.fill('^alpha$')
    await page.getByRole('button', { name: 'Regular expression' }).click()
    await workspace.search.press('Enter')
    await expect(page.getByText('1 / 1')).toBeVisible()
  })

  test('pauses the view while messages keep arriving, and resumes', async ({ page, freshApp }) => {
    const workspace = new WorkspacePage(page)
    await workspace.openOnDemoServer(freshApp.url, '/sse/clock')
    await page.getByRole('button', { name: 'Pause' }).click()
    const shown = await workspace.rows.count()
    await expect(page.getByRole('status').filter({ hasText: 'Paused' })).toContainText(
      /[1-9]\d* new/,
      { timeout: 5_000 },
    )
    expect(await workspace.rows.count()).toBe(shown)
    await page.getByRole('button', { name: 'Resume' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Paused' })).toHaveCount(0)
    await expect.poll(() => workspace.rows.count()).toBeGreaterThan(shown)
  })

  test('follows a fast stream by patching its rows in place; scrolled back, a row stays put', async ({
    page,
    freshApp,
  }) => {
    const workspace = new WorkspacePage(page)
    await workspace.openOnDemoServer(freshApp.url, '/ws/stream')
    await workspace.reconnectWithQuery('?rate=2000&count=20000')
    await expect(workspace.row(/"seq":\d{3,},/).first()).toBeVisible()
    // While it follows the newest rows, no row element is added, removed or moved: only their
    // contents change (the list's own children, not their text, are watched). The scroll bar
    // keeps up, at the bottom of content that grows.
    const changes = await page.evaluate(async () => {
      const viewport = document.querySelector('[role="listbox"][aria-label="Messages"]')!
      const list = viewport.querySelector('.spacer')!
      let nodes = 0
      const observer = new MutationObserver((records) => {
        for (const record of records) nodes += record.addedNodes.length + record.removedNodes.length
      })
      const before = { text: list.textContent, height: viewport.scrollHeight }
      observer.observe(list, { childList: true })
      await new Promise((resolve) => setTimeout(resolve, 1_000))
      observer.disconnect()
      return {
        nodes,
        changed: list.textContent !== before.text,
        grew: viewport.scrollHeight > before.height,
        atBottom: Math.abs(viewport.scrollTop + viewport.clientHeight - viewport.scrollHeight) < 2,
      }
    })
    expect(changes).toEqual({ nodes: 0, changed: true, grew: true, atBottom: true })

    // Scrolled back, an element keeps its row as the view moves by a few rows.
    await workspace.rows.nth(5).hover()
    await page.mouse.wheel(0, -2_000)
    await expect(page.getByRole('button', { name: /^↓ [\d,]+ new$/ })).toBeVisible()
    const held = await workspace.rows.nth(10).elementHandle()
    const row = await held.getAttribute('id')
    const shown = await held.textContent()
    await page.mouse.wheel(0, -3 * 26)
    await expect.poll(() => workspace.rows.nth(10).getAttribute('id')).not.toBe(row)
    expect([await held.getAttribute('id'), await held.textContent()]).toEqual([row, shown])
  })

  test('disconnecting shows the close code', async ({ page, freshApp }) => {
    const workspace = new WorkspacePage(page)
    await workspace.openOnDemoServer(freshApp.url, '/ws/echo')
    await page.getByRole('button', { name: 'Disconnect' }).click()
    await expect(workspace.row('Closed with 1000')).toBeVisible()
    await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeVisible()
  })

  test('streams tokens from an SSE POST to /sse/llm', async ({ page, context, freshApp }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'])
    const workspace = new WorkspacePage(page)
    await workspace.openOnDemoServer(freshApp.url, '/sse/llm')
    await expect(workspace.row('[DONE]')).toBeVisible()
    await expect(workspace.rows.filter({ hasText: 'chat.completion.chunk' }).first()).toBeVisible()
    await page.getByRole('tab', { name: 'Body' }).click()
    await expect(page.getByRole('combobox', { name: 'Method' })).toHaveValue('POST')

    // The reply as text, put together from the events' deltas, with its pace.
    await page.getByRole('tab', { name: 'Assembled' }).click()
    const assembled = page.getByRole('region', { name: 'Assembled text' })
    await expect(assembled.locator('pre')).not.toBeEmpty()
    await expect(assembled.getByRole('status')).toContainText(/\d+ tokens/)

    // The same request as a command line, to run outside the app.
    await page.getByRole('button', { name: 'Copy as' }).click()
    await page
      .getByRole('group', { name: 'Copy the connection as' })
      .getByRole('button', { name: 'curl -N' })
      .click()
    const command = await page.evaluate(() => navigator.clipboard.readText())
    expect(command).toMatch(/^curl -N/)
    expect(command).toContain('-X POST')
    expect(command).toMatch(/\/sse\/llm/)
  })

  test('explains a bad URL inline and connects nothing', async ({ page, freshApp }) => {
    const workspace = new WorkspacePage(page)
    await workspace.goto(freshApp.url)
    await page.getByRole('button', { name: 'New connection' }).first().click()
    await workspace.url.fill('localhost:8080/ws')
    await expect(page.getByRole('alert')).toContainText('has no scheme')
    await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeDisabled()
    await workspace.url.fill('ftp://example.com/feed')
    await expect(page.getByRole('alert')).toContainText('ftp:// is not supported')
    await expect(workspace.rows).toHaveCount(0)
  })

  test('opens and closes tabs from the keyboard, asking before closing a live one', async ({
    page,
    freshApp,
  }) => {
    const workspace = new WorkspacePage(page)
    await workspace.openOnDemoServer(freshApp.url, '/ws/echo')
    const tabs = page.getByRole('tablist', { name: 'Connections' }).getByRole('tab')
    await page.keyboard.press('Alt+t')
    await expect(tabs).toHaveCount(2)
    await page.keyboard.press('Alt+w')
    await expect(tabs).toHaveCount(1)
    await page.keyboard.press('Alt+w')
    const dialog = page.getByRole('dialog', { name: 'Close this connection?' })
    await expect(dialog).toBeVisible()
    await dialog.getByRole('button', { name: 'Close tab' }).click()
    await expect(tabs).toHaveCount(0)
  })
})

test.describe('the live log’s memory bound', () => {
  test('holds the rows the setting allows; older ones come back from the journal when scrolled to', async ({
    page,
    freshApp,
  }) => {
    const workspace = new WorkspacePage(page)
    await workspace.goto(freshApp.url)
    await page.getByRole('button', { name: 'Settings' }).click()
    const dialog = page.getByRole('dialog', { name: 'Settings' })
    await dialog.getByRole('combobox', { name: 'Rows kept per connection' }).selectOption('10000')
    await dialog.getByRole('button', { name: 'Done' }).click()

    await workspace.startDemoServer()
    await workspace.openEndpoint('/ws/stream')
    // Three times what is kept: under load the live stream may skip rows, and more than 10,000
    // must still arrive.
    await workspace.reconnectWithQuery('?rate=10000&count=30000')
    await expect(workspace.row('Closed with 1000')).toHaveCount(1, { timeout: 15_000 })

    // The top of the log is the first connection's start, read back from its journal.
    await workspace.row('Closed with 1000').click()
    await page.keyboard.press('Home')
    const connects = workspace.row(/Connecting to/)
    await expect(connects).toHaveCount(2)
    await expect(connects.first()).not.toContainText('count=30000')
    await expect(connects.last()).toContainText('count=30000')
    await expect(workspace.row(/"seq":1,/)).toHaveCount(2)

    // The search reaches them too: seq 1 of each connection, both before the rows held.
    await workspace.search.fill('"seq":1,')
    await expect(page.getByText('2 matches', { exact: true })).toBeVisible()
    await page.getByRole('button', { name: 'Next match' }).click()
    await expect(page.getByText('1 / 2', { exact: true })).toBeVisible()
    await page.getByRole('button', { name: 'Next match' }).click()
    await expect(page.getByText('2 / 2', { exact: true })).toBeVisible()
    await expect(workspace.row(/"seq":1,/).last()).toHaveAttribute('aria-selected', 'true')

    // Exported whole, read from the journal a page at a time into the file picked (here a file
    // of the page's private file system, where the dialog would ask).
    await page.evaluate(() => {
      Object.assign(window, {
        showSaveFilePicker: async () =>
          (await navigator.storage.getDirectory()).getFileHandle('log.ndjson', { create: true }),
      })
    })
    await page.getByRole('button', { name: 'Export' }).click()
    await page.getByRole('button', { name: /^NDJSON/ }).click()
    await expect(page.getByText(/^Exported [\d,]+ rows to log\.ndjson$/)).toBeVisible({
      timeout: 15_000,
    })
    const exported = await page.evaluate(async () => {
      const file = await (await navigator.storage.getDirectory()).getFileHandle('log.ndjson')
      const lines = (await (await file.getFile()).text()).trimEnd().split('\n')
      const events = lines.map((line) => JSON.parse(line) as { type: string; data?: string })
      const seqs = events
        .filter((event) => event.type === 'message')
        .map((event) => Number(/"seq":(\d+),/.exec(event.data!)![1]))
      return { rows: lines.length, first: events[0]!.type, seqs }
    })
    expect(exported.first).toBe('connecting')
    // Every message of the long stream is there once, in order, after the first connection's.
    const long = exported.seqs.slice(exported.seqs.lastIndexOf(1))
    expect(long).toEqual(Array.from({ length: 30_000 }, (_, i) => i + 1))

    // A filter shows the rows held that pass; those on disk that pass are counted in the host.
    await page.getByRole('button', { name: 'Filter' }).click()
    await page.getByRole('checkbox', { name: 'Lifecycle events' }).uncheck()
    await page.keyboard.press('Escape')
    const counted = page.getByRole('status').filter({ hasText: 'older rows kept on disk' })
    await expect(counted).toContainText(/[\d,]+ match\.$/)
    const [older, matched] = ((await counted.textContent()) ?? '')
      .match(/\d[\d,]*/g)!
      .map((figure) => Number(figure.replaceAll(',', '')))
    // Before the rows held: the first connection's connect, open and close, and the second's
    // connect and open; every other row is a message.
    expect(matched).toBe(older! - 5)
    await expect(
      page.getByRole('status').filter({ hasText: 'older rows were let go' }),
    ).toHaveCount(0)
  })
})
