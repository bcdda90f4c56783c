import { readFile } from 'node:fs/promises'
import { expect, test } from '../fixtures.ts'
import { WorkspacePage } from '../pages/workspace-page.ts'

test('sends a file’s bytes, shows them as an unwrapped hex dump, copies and saves them', async ({
  page,
  context,
  freshApp,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  const workspace = new WorkspacePage(page)
  await workspace.openOnDemoServer(freshApp.url, '/ws/echo')

  // 40 bytes: three lines of a hex dump.
  const bytes = Buffer.from(Array.from({ length: 40 }, (_, i) => (i * 7) % 256))
  await page
    .getByLabel('A file to send')
    .setInputFiles({ name: 'frame.bin', mimeType: 'application/octet-stream', buffer: bytes })
  await expect(page.getByRole('radio', { name: 'Base64', exact: true })).toBeChecked()
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  const hexStart = '00 07 0e 15'
  await expect(workspace.rows.filter({ hasText: hexStart })).toHaveCount(2)
  await workspace.rows.filter({ hasText: hexStart }).last().click()

  const dump = workspace.details.getByLabel('Hex dump')
  await expect(dump).toContainText('00000000  00 07 0e 15')
  await expect(dump).toContainText('00000020  e0 e7 ee f5')
  // Each 16-byte line stays one line, however narrow the pane: three lines, three line heights.
  const { lines, height, lineHeight } = await dump.evaluate((element) => ({
    lines: element.textContent.split('\n').length,
    height: element.getBoundingClientRect().height,
    lineHeight: parseFloat(getComputedStyle(element).lineHeight),
  }))
  expect(lines).toBe(3)
  expect(Math.round(height / lineHeight)).toBe(3)

  await workspace.details.getByRole('button', { name: 'Copy hex' }).click()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join(' '),
  )
  await workspace.details.getByRole('button', { name: 'Copy base64' }).click()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(bytes.toString('base64'))

  const [saved] = await Promise.all([
    page.waitForEvent('download'),
    workspace.details.getByRole('button', { name: 'Save' }).click(),
  ])
  expect(saved.suggestedFilename()).toMatch(/^message-\d+\.bin$/)
  expect(await readFile(await saved.path())).toEqual(bytes)
})
