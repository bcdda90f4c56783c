import { expect, test } from '../fixtures.ts'
import { WorkspacePage } from '../pages/workspace-page.ts'

test('the request panel fits what it shows, and keeps a dragged height per tab', async ({
  page,
  freshApp,
}) => {
  const workspace = new WorkspacePage(page)
  await workspace.goto(freshApp.url)
  await page
    .getByRole('button', { name: /^New connection/ })
    .first()
    .click()
  await workspace.url.fill('http://127.0.0.1:9/sse/clock')
  await page.getByRole('tab', { name: 'Settings' }).click()
  // The whole of Settings shows, the last of it included, without scrolling.
  await expect(page.getByRole('checkbox', { name: /Verify TLS certificates/ })).toBeInViewport({
    ratio: 1,
  })
  await expect(page.getByRole('combobox', { name: 'When the log falls behind' })).toBeInViewport({
    ratio: 1,
  })
  const splitter = page.getByRole('separator', { name: 'Resize the request panel' })
  const fitted = Number(await splitter.getAttribute('aria-valuenow'))
  expect(fitted).toBeGreaterThan(200)
  expect(fitted).toBeLessThanOrEqual(page.viewportSize()!.height / 2)

  // Dragged smaller (by keys here), it stays so for this tab, across tabs and a reload.
  await splitter.focus()
  await page.keyboard.press('ArrowUp')
  await page.keyboard.press('ArrowUp')
  const chosen = fitted - 48
  await expect(splitter).toHaveAttribute('aria-valuenow', String(chosen))
  await page
    .getByRole('button', { name: /^New connection/ })
    .first()
    .click()
  await expect(splitter).not.toHaveAttribute('aria-valuenow', String(chosen))
  await page.getByRole('tablist', { name: 'Connections' }).getByRole('tab').first().click()
  await expect(splitter).toHaveAttribute('aria-valuenow', String(chosen))
  await page.reload()
  await page.getByRole('tablist', { name: 'Connections' }).getByRole('tab').first().click()
  await expect(splitter).toHaveAttribute('aria-valuenow', String(chosen))
})
