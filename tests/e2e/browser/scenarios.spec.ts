import type { Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '../fixtures.ts'
import { SessionsSidebar } from '../pages/sessions-sidebar.ts'
import { WorkspacePage } from '../pages/workspace-page.ts'
import { runCliProcess } from '../../support/run-cli-process.ts'
import { tempDir } from '../../support/temp-dir.ts'

/** Adds a step from the Scenario section's menu (`repeat`: inside that repeat). */
async function addStep(page: Page, label: string, repeat?: string): Promise<void> {
  const menu = repeat ? `Add a step to repeat ${repeat}` : 'Add a step'
  await page.getByRole('button', { name: menu, exact: true }).click()
  await page
    .getByRole('group', { name: menu })
    .getByRole('button', { name: label, exact: true })
    .click()
}

const status = (page: Page, step: string) =>
  page.getByRole('status', { name: new RegExp(`^Step ${step.replace('.', '\\.')}: `) })

test('a scenario built in the app passes against /ws/echo, fails when changed, and runs in CI from its export', async ({
  page,
  freshApp,
  demoServerUrl,
}) => {
  const workspace = new WorkspacePage(page)
  await workspace.goto(freshApp.url)
  await page.getByRole('button', { name: 'New connection' }).first().click()
  await workspace.url.fill(`${demoServerUrl.replace('http:', 'ws:')}/ws/echo`)
  await page.getByRole('tab', { name: 'Scenario' }).click()

  await addStep(page, 'Connect')
  await addStep(page, 'Send')
  await page.getByRole('combobox', { name: 'Format, step 2' }).selectOption('json')
  await page
    .getByRole('textbox', { name: 'Message, step 2' })
    .fill('{"type": "ping", "id": "{{uuid}}"}')
  await addStep(page, 'Expect a message')
  await page.getByRole('combobox', { name: 'Condition, step 3' }).selectOption('json-equals')
  await page.getByRole('textbox', { name: 'JSONPath, step 3', exact: true }).fill('$.type')
  await page.getByRole('textbox', { name: 'Value, step 3' }).fill('"ping"')
  await page.getByRole('textbox', { name: 'Capture JSONPath, step 3' }).fill('$.id')
  await page.getByRole('textbox', { name: 'Capture JSONPath, step 3' }).press('Tab')
  await page.getByRole('textbox', { name: 'Capture variable, step 3' }).fill('pingId')
  await addStep(page, 'Repeat')
  await page.getByRole('spinbutton', { name: 'Times, step 4' }).fill('2')
  await page.getByRole('spinbutton', { name: 'Times, step 4' }).press('Tab')
  await addStep(page, 'Send', '4')
  await page.getByRole('textbox', { name: 'Message, step 4.1' }).fill('again {{pingId}}')
  // A capture is a variable for later steps: not marked unknown.
  await expect(page.getByRole('textbox', { name: 'Message, step 4.1' })).not.toHaveAttribute(
    'aria-invalid',
    'true',
  )
  await addStep(page, 'Expect a message', '4')
  await page.getByRole('textbox', { name: 'Text, step 4.2' }).fill('again ')
  await addStep(page, 'Disconnect')

  await page.getByRole('button', { name: 'Run scenario' }).click()
  await expect(page.getByText(/^Passed: 9 passed, 0 failed, 0 skipped/)).toBeVisible()
  await expect(status(page, '3')).toContainText('Matched message #')
  await expect(workspace.row('again ')).toHaveCount(4)

  // The message a step matched, shown in the log; and an expectation proposed from a message.
  await page
    .getByRole('button', { name: /^Show message #/ })
    .first()
    .click()
  await expect(workspace.details).toContainText('type:"ping"')
  await page.getByRole('button', { name: 'Expect this' }).click()
  await expect(page.getByRole('combobox', { name: 'Condition, step 6' })).toHaveValue('json-equals')
  await page.getByRole('button', { name: 'Remove step 6' }).click()

  // Changed so it cannot hold: the step fails with its sentence, the rest are skipped.
  await page.getByRole('textbox', { name: 'Value, step 3' }).fill('"pong"')
  await page.getByRole('spinbutton', { name: 'Within milliseconds, step 3' }).fill('300')
  await page.getByRole('spinbutton', { name: 'Within milliseconds, step 3' }).press('Tab')
  await page.getByRole('button', { name: 'Run scenario' }).click()
  await expect(page.getByText(/^Failed: 2 passed, 1 failed, \d+ skipped/)).toBeVisible()
  await expect(status(page, '3')).toContainText('No message matched $.type = "pong" within 300 ms')
  await expect(status(page, '5')).toHaveAttribute('aria-label', 'Step 5: skipped')

  // As a load test: a script and its processor, with the load asked for.
  await page.getByRole('button', { name: 'Export as load test' }).click()
  await page.getByRole('spinbutton', { name: 'New virtual users per second' }).fill('20')
  await page.getByRole('spinbutton', { name: 'For (seconds)' }).fill('60')
  const downloads: Promise<import('@playwright/test').Download>[] = []
  page.on('download', (download) => downloads.push(Promise.resolve(download)))
  await page
    .getByRole('group', { name: 'Export as load test' })
    .getByRole('button', { name: 'Export', exact: true })
    .click()
  await expect.poll(() => downloads.length).toBe(2)
  const [script, processor] = await Promise.all(downloads)
  expect(script!.suggestedFilename()).toBe('echo.artillery.yml')
  expect(processor!.suggestedFilename()).toBe('echo.processor.cjs')
  const yaml = readFileSync(await script!.path(), 'utf8')
  expect(yaml).toContain('arrivalRate: 20')
  expect(yaml).toContain('duration: 60')
  expect(yaml).toContain('engine: "ws"')

  // Saved, exported, and run headless: exit 1 with JUnit XML; fixed, exit 0.
  await page.getByRole('button', { name: 'Save session' }).click()
  const sidebar = new SessionsSidebar(page)
  const download = page.waitForEvent('download')
  await sidebar.menu('echo', 'Export…')
  const exported = await (await download).path()
  const dir = tempDir('rp-e2e-run-')
  const failing = await runCliProcess([
    'run',
    exported,
    '--reporter',
    'junit',
    '--output',
    join(dir, 'junit.xml'),
  ])
  expect(failing.code).toBe(1)
  expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toContain(
    '<failure message="No message matched $.type = &quot;pong&quot; within 300 ms"',
  )
  await page.getByRole('textbox', { name: 'Value, step 3' }).fill('"ping"')
  await page.getByRole('button', { name: 'Save session' }).click()
  const again = page.waitForEvent('download')
  await sidebar.menu('echo', 'Export…')
  const passing = await runCliProcess(['run', await (await again).path()])
  expect(passing.stdout).toContain('1 scenario: 1 passed, 0 failed')
  expect(passing.code).toBe(0)
})

test('a scenario over an SSE stream: /sse/llm to its [DONE]', async ({
  page,
  freshApp,
  demoServerUrl,
}) => {
  const workspace = new WorkspacePage(page)
  await workspace.goto(freshApp.url)
  await page.getByRole('button', { name: 'New connection' }).first().click()
  await workspace.url.fill(`${demoServerUrl}/sse/llm?prompt=hello&delay=5`)
  await page.getByRole('tab', { name: 'Scenario' }).click()
  await addStep(page, 'Connect')
  await addStep(page, 'Expect a message')
  await page.getByRole('combobox', { name: 'Condition, step 2' }).selectOption('json-exists')
  await page
    .getByRole('textbox', { name: 'JSONPath, step 2', exact: true })
    .fill('$.choices[0].delta.content')
  await addStep(page, 'Expect a message')
  await page.getByRole('textbox', { name: 'Text, step 3' }).fill('[DONE]')
  await page.getByRole('button', { name: 'Run scenario' }).click()
  await expect(page.getByText(/^Passed: 3 passed/)).toBeVisible()
  await page.getByRole('textbox', { name: 'Text, step 3' }).fill('[NEVER]')
  await page.getByRole('spinbutton', { name: 'Within milliseconds, step 3' }).fill('500')
  await page.getByRole('spinbutton', { name: 'Within milliseconds, step 3' }).press('Tab')
  await page.getByRole('button', { name: 'Run scenario' }).click()
  await expect(page.getByText(/^Failed: 2 passed, 1 failed/)).toBeVisible()
})
