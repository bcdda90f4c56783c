import { expect, test } from '../fixtures.ts'
import { SessionsSidebar } from '../pages/sessions-sidebar.ts'
import { WorkspacePage } from '../pages/workspace-page.ts'

/**
 * Comparing two logs as a new user would: two recorded runs of the demo server's generator, the
 * second one cut short; then the SSE and WebSocket feeds side by side.
 */
test('two recorded runs, one cut short: counts, the first difference, its diff, an ignored path', async ({
  page,
  freshApp,
}) => {
  const workspace = new WorkspacePage(page)
  const sidebar = new SessionsSidebar(page)
  await workspace.openOnDemoServer(freshApp.url, '/sse/stream')
  await page.getByRole('button', { name: 'Disconnect' }).click()
  const base = (await workspace.url.inputValue()).replace(/\?.*$/, '')
  // Saved: the session keeps its connections' logs as runs (this first one too).
  await page.getByRole('button', { name: 'Save session' }).click()

  // Two runs of the same generator; the second stops two events early.
  for (const count of [12, 10]) {
    await workspace.url.fill(`${base}?rate=100&count=${count}&ids=1`)
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    await expect(workspace.row(/"seq":1[0-2],/).last()).toBeVisible()
    await expect(workspace.row('204 No Content')).toHaveCount(1)
    await page.getByRole('button', { name: 'Clear' }).click()
  }

  const runs = await sidebar.runs('stream')
  await expect(runs).toHaveCount(3)
  const picks = sidebar.root.getByRole('checkbox', { name: /^Select the run of/ })
  // Newest first in the list: the full run is the second.
  await picks.nth(1).check()
  await picks.nth(0).check()
  await sidebar.root.getByRole('button', { name: 'Compare the 2 selected runs' }).click()

  const summary = page.getByRole('list', { name: 'Summary' })
  // Every event carries the time it was made: all of them differ, and two are missing.
  await expect(summary).toContainText('0 equal')
  await expect(summary).toContainText('10 changed')
  await expect(summary).toContainText('2 only left')
  await expect(summary).toContainText('0 only right')

  await page.getByRole('button', { name: 'First difference' }).click()
  const detail = page.getByRole('region', { name: 'Pair details' })
  await expect(detail).toContainText('Pair 1')
  await expect(detail.getByRole('row').filter({ hasText: '$.ts' })).toBeVisible()

  // The timestamp, and the padding that keeps each event at its size, do not count.
  await detail
    .getByRole('row')
    .filter({ hasText: '$.ts' })
    .getByRole('button', { name: 'Ignore' })
    .click()
  await expect(page.getByRole('list', { name: 'Ignore rules' })).toContainText('$.ts')
  const padRow = detail.getByRole('row').filter({ hasText: '$.pad' })
  if (await padRow.count()) await padRow.getByRole('button', { name: 'Ignore' }).click()
  else await page.getByRole('textbox', { name: 'Add an ignore rule' }).fill('$.pad')
  await page.getByRole('textbox', { name: 'Add an ignore rule' }).press('Enter')
  await expect(summary).toContainText('10 equal')
  await expect(summary).toContainText('0 changed')
  await expect(summary).toContainText('2 only left')

  // Next difference: the first message the short run never got.
  await page.keyboard.press('F7')
  await expect(detail).toContainText('only left')
  await expect(detail).toContainText('"seq":11')
  await expect(page.getByRole('region', { name: 'Timing' })).toContainText('Left')

  // Kept with the session, and reopened from the sidebar.
  await page.getByRole('button', { name: 'Save with session' }).click()
  const saved = sidebar.root.getByRole('list', { name: 'Comparisons of stream' })
  await expect(saved.getByRole('button', { name: /^Open comparison/ })).toHaveCount(1)
})

test('the SSE and WebSocket feeds side by side, paired by sequence number, with timing', async ({
  page,
  freshApp,
}) => {
  const workspace = new WorkspacePage(page)
  await workspace.goto(freshApp.url)
  await workspace.startDemoServer()
  await page.getByRole('button', { name: 'Compare SSE and WebSocket' }).click()
  const summary = page.getByRole('list', { name: 'Summary' })
  // The same feed over both protocols: equal message for message.
  await expect(summary).toContainText(/[1-9]\d* equal/, { timeout: 10_000 })
  await expect(summary).toContainText('0 changed')
  const timing = page.getByRole('region', { name: 'Timing' })
  // The feed ticks every 100 ms: about 10 messages a second on each side.
  await expect(timing.getByRole('cell', { name: /\/s$/ }).first()).toHaveText(/^(9|10)\.\d\/s$/)
  await expect(timing).toContainText('Right behind left')
  await expect(timing.getByRole('img', { name: /Latency over time/ })).toBeVisible()
})

test('a file that is not a log says why, and the other side keeps working', async ({
  page,
  freshApp,
}) => {
  const workspace = new WorkspacePage(page)
  await workspace.goto(freshApp.url)
  await page.getByRole('button', { name: /^Compare two logs/ }).click()
  await page.getByLabel('Log file for the left side').setInputFiles({
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('these are my notes\n'),
  })
  await expect(page.getByRole('alert').filter({ hasText: 'notes.txt' })).toContainText(
    'The file is not a log',
  )
  const log = [
    '{"type":"message","seq":1,"ts":1,"direction":"in","kind":"text","size":7,"data":"{\\"a\\":1}"}',
  ].join('\n')
  await page.getByLabel('Log file for the right side').setInputFiles({
    name: 'right.ndjson',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(log),
  })
  await expect(page.getByRole('combobox', { name: 'Right' })).toHaveValue('file:current')
  await page.getByLabel('Log file for the left side').setInputFiles({
    name: 'left.ndjson',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(log),
  })
  await expect(page.getByRole('list', { name: 'Summary' })).toContainText('1 equal')
})

/**
 * Two logs long enough to be sent in several chunks: the worker takes a first look, waits for
 * it to be drawn, judges the rest as it arrives and gives blocks back for the page to reuse.
 * One message changed and one dropped on the right: every count must still come out exact.
 */
test('two long logs, sent in chunks: exact counts, the first look replaced by the whole', async ({
  page,
  freshApp,
}) => {
  const count = 40_000
  const log = (change: number, drop: number): Buffer => {
    const lines: string[] = []
    for (let i = 0; i < count; i++) {
      if (i === drop) continue
      const data = JSON.stringify({ seq: i + 1, value: i === change ? 'changed' : 'same' })
      const fields = `"seq":${i + 1},"ts":${1_000 + i},"direction":"in","kind":"text"`
      lines.push(
        `{"type":"message",${fields},"size":${data.length},"data":${JSON.stringify(data)}}`,
      )
    }
    return Buffer.from(lines.join('\n'))
  }
  const workspace = new WorkspacePage(page)
  await workspace.goto(freshApp.url)
  await page.getByRole('button', { name: /^Compare two logs/ }).click()
  const pick = (side: 'left' | 'right', name: string, buffer: Buffer) =>
    page
      .getByLabel(`Log file for the ${side} side`)
      .setInputFiles({ name, mimeType: 'application/x-ndjson', buffer })
  await pick('left', 'golden.ndjson', log(-1, -1))
  await expect(page.getByRole('combobox', { name: 'Left' })).toHaveValue('file:current')
  await pick('right', 'build.ndjson', log(5, 20_000))
  // Pairs 1–20,000: one changed (the 6th); from the drop on, each right message is one ahead.
  const summary = page.getByRole('list', { name: 'Summary' })
  await expect(page.getByText(/^in \d+ ms$/)).toBeVisible({ timeout: 30_000 })
  await expect(summary).toContainText('19,999 equal')
  await expect(summary).toContainText('20,000 changed')
  await expect(summary).toContainText('1 only left')
  await expect(summary).toContainText('0 only right')
  await expect(page.getByRole('region', { name: 'Timing' })).toContainText('40,000')
})

test('a long message shows what fits its cell in the row, and the whole of it in the detail', async ({
  page,
  freshApp,
}) => {
  const log = (last: string): Buffer => {
    const data = `${'x'.repeat(1_000)}${last}`
    return Buffer.from(
      `{"type":"message","seq":1,"ts":1,"direction":"in","kind":"text","size":${data.length},"data":"${data}"}\n`,
    )
  }
  const workspace = new WorkspacePage(page)
  await workspace.goto(freshApp.url)
  await page.getByRole('button', { name: /^Compare two logs/ }).click()
  for (const [side, last] of [
    ['left', 'A'],
    ['right', 'B'],
  ] as const) {
    await page.getByLabel(`Log file for the ${side} side`).setInputFiles({
      name: `${side}.ndjson`,
      mimeType: 'application/x-ndjson',
      buffer: log(last),
    })
  }
  await expect(page.getByRole('list', { name: 'Summary' })).toContainText('1 changed')
  const pair = page.getByRole('listbox', { name: 'Aligned messages' }).getByRole('option')
  // Each cell's preview is cut to about its width (a few dozen characters here), not 120.
  await expect(async () => {
    const runs = ((await pair.textContent()) ?? '').match(/x+/g) ?? []
    expect(runs).toHaveLength(2)
    for (const run of runs) expect(run.length).toBeGreaterThan(20)
    for (const run of runs) expect(run.length).toBeLessThan(110)
  }).toPass()
  await pair.click()
  const detail = page.getByRole('region', { name: 'Pair details' })
  await expect(detail).toContainText(`${'x'.repeat(990)}`)
})

test('where the compare worker cannot start, the comparison runs on the page', async ({
  page,
  freshApp,
}) => {
  // As a policy refusing it would: the worker's script never loads.
  await page.route(/compare\.worker/, (route) => route.abort())
  const log = (value: number): Buffer =>
    Buffer.from(
      [1, 2, 3]
        .map((seq) => {
          const data = JSON.stringify({ seq, value: seq === 2 ? value : 0 })
          return `{"type":"message","seq":${seq},"ts":${seq},"direction":"in","kind":"text","size":${data.length},"data":${JSON.stringify(data)}}`
        })
        .join('\n'),
    )
  const workspace = new WorkspacePage(page)
  await workspace.goto(freshApp.url)
  await page.getByRole('button', { name: /^Compare two logs/ }).click()
  for (const [side, value] of [
    ['left', 1],
    ['right', 2],
  ] as const) {
    await page.getByLabel(`Log file for the ${side} side`).setInputFiles({
      name: `${side}.ndjson`,
      mimeType: 'application/x-ndjson',
      buffer: log(value),
    })
  }
  const summary = page.getByRole('list', { name: 'Summary' })
  await expect(summary).toContainText('2 equal')
  await expect(summary).toContainText('1 changed')
  await expect(page.getByText(/^in \d+ ms$/)).toBeVisible()
})
