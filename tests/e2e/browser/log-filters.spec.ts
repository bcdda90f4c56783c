import { expect, test } from '../fixtures.ts'
import { WorkspacePage } from '../pages/workspace-page.ts'

test('the log filters SSE events by type, and closes by code', async ({
  page,
  freshApp,
  demoServerUrl,
}) => {
  const workspace = new WorkspacePage(page)
  await workspace.goto(freshApp.url)
  await page.getByRole('button', { name: 'New connection' }).first().click()
  await workspace.url.fill(
    `${demoServerUrl}/sse/stream?rate=200&count=12&event=tick,tock&retry=600000`,
  )
  await page.getByRole('button', { name: 'Connect', exact: true }).click()
  const log = page.getByRole('listbox', { name: 'Messages' })
  const ticks = log.getByRole('option', { name: /^received \S+ tick / })
  const tocks = log.getByRole('option', { name: /^received \S+ tock / })
  await expect(tocks).toHaveCount(6)
  await expect(ticks).toHaveCount(6)

  await page.getByRole('button', { name: 'Filter' }).click()
  await page.getByRole('textbox', { name: 'SSE event types' }).fill('tock')
  await page.getByRole('textbox', { name: 'SSE event types' }).press('Enter')
  await expect(ticks).toHaveCount(0)
  await expect(tocks).toHaveCount(6)
  await expect(workspace.row(/Open: 200 /)).toBeVisible()
  await page.getByRole('textbox', { name: 'SSE event types' }).fill('')
  await page.getByRole('textbox', { name: 'SSE event types' }).press('Enter')
  await expect(ticks).toHaveCount(6)
  await page.keyboard.press('Escape')

  // Two closes with different codes in one tab's log; the filter keeps one.
  await page.getByRole('button', { name: 'New connection' }).first().click()
  for (const code of [4000, 4001]) {
    await workspace.url.fill(
      `${demoServerUrl.replace('http', 'ws')}/ws/stream?rate=100&closeAfter=2&code=${code}`,
    )
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    await expect(workspace.row(`Closed with ${code}`)).toBeVisible()
  }
  await page.getByRole('button', { name: 'Filter' }).click()
  await page.getByRole('textbox', { name: 'Close codes' }).fill('4001')
  await page.getByRole('textbox', { name: 'Close codes' }).press('Enter')
  await expect(workspace.row('Closed with 4000')).toHaveCount(0)
  await expect(workspace.row('Closed with 4001')).toBeVisible()
  await expect(workspace.row('Connecting to')).toHaveCount(2)
  await expect(page.getByRole('button', { name: 'Filter' })).toHaveClass(/active/)
})
