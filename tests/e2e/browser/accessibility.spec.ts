import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, test } from '../fixtures.ts'
import { SessionsSidebar } from '../pages/sessions-sidebar.ts'
import { WorkspacePage } from '../pages/workspace-page.ts'

/**
 * axe-core over every screen, in both themes: no serious or critical WCAG 2 A/AA violation. A
 * failure lists each rule and the elements that break it.
 */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  const serious = violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  )
  const report = serious.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help}\n    ${violation.nodes
        .slice(0, 5)
        .map((node) => node.target.join(' '))
        .join('\n    ')}`,
  )
  expect(report, `${screen}:\n${report.join('\n')}`).toEqual([])
}

for (const scheme of ['light', 'dark'] as const) {
  test(`every screen passes axe, ${scheme} theme`, async ({ page, freshApp }) => {
    // Thirteen screens, each analysed whole: longer than one interaction.
    test.setTimeout(120_000)
    await page.emulateMedia({ colorScheme: scheme })
    const workspace = new WorkspacePage(page)
    await workspace.goto(freshApp.url)
    await expectAccessible(page, 'the welcome screen')

    await workspace.startDemoServer()
    await workspace.openEndpoint('/ws/echo')
    await workspace.send('JSON', '{"hello": "axe"}')
    await workspace.rows.filter({ hasText: 'hello' }).last().click()
    await expect(workspace.details).toBeVisible()
    await expectAccessible(page, 'a connection with a message open')

    await page.getByRole('tab', { name: 'Handshake' }).click()
    await expectAccessible(page, 'the handshake')
    await page.getByRole('tab', { name: 'Assembled' }).click()
    await expectAccessible(page, 'the assembled text')

    for (const section of ['Headers', 'Auth', 'Variables', 'Settings']) {
      await page.getByRole('tab', { name: section, exact: true }).click()
      await expectAccessible(page, `the request's ${section}`)
    }
    await page.getByRole('tab', { name: 'Scenario', exact: true }).click()
    for (const step of ['Connect', 'Expect a message', 'Repeat']) {
      await page.getByRole('button', { name: 'Add a step', exact: true }).click()
      await page
        .getByRole('group', { name: 'Add a step' })
        .getByRole('button', { name: step, exact: true })
        .click()
    }
    await page.getByRole('button', { name: 'Run scenario' }).click()
    await expect(page.getByText(/^(Passed|Failed): /)).toBeVisible()
    await expectAccessible(page, 'a scenario and its results')
    // The scenario ran on its own connection and closed it: connect again for what follows.
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    await expect(page.getByRole('button', { name: 'Disconnect' })).toBeVisible()

    // A saved session with a kept run, the run open, and the menu of all tabs.
    await page.getByRole('button', { name: 'Save session' }).click()
    await page.getByRole('button', { name: 'Disconnect' }).click()
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    await page.getByRole('tab', { name: 'Message', exact: true }).click()
    await workspace.send('Text', 'kept')
    await page.getByRole('button', { name: 'Disconnect' }).click()
    const runs = await new SessionsSidebar(page).runs('echo')
    await runs.first().click()
    await expect(page.getByText('Recorded run', { exact: true })).toBeVisible()
    await expectAccessible(page, 'a recorded run, and the sidebar with its session')
    await page.getByRole('button', { name: /^All tabs/ }).click()
    await expectAccessible(page, 'the menu of all tabs')
    await page.keyboard.press('Escape')

    await page.getByRole('button', { name: 'Compare SSE and WebSocket' }).click()
    await expect(page.getByRole('listbox', { name: 'Aligned messages' })).toBeVisible()
    await expectAccessible(page, 'the compare view')

    await page.getByRole('button', { name: 'Environments and variables' }).click()
    await page.getByRole('button', { name: 'New environment' }).click()
    await page.getByRole('textbox', { name: 'Variable name 1' }).fill('token')
    await page.getByRole('button', { name: 'Secret value: token' }).click()
    await expectAccessible(page, 'the environments dialog')
    await page.getByRole('button', { name: 'Done', exact: true }).click()

    await page.getByRole('button', { name: 'Settings', exact: true }).click()
    await expect(page.getByRole('dialog')).toBeVisible()
    await expectAccessible(page, 'the settings dialog')
  })
}
