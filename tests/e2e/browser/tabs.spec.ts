import { expect, test } from '../fixtures.ts'
import { WorkspacePage } from '../pages/workspace-page.ts'

test.describe('tabs, as a browser user expects them', () => {
  test('a new tab takes the cursor; names that repeat say what differs', async ({
    page,
    freshApp,
  }) => {
    const workspace = new WorkspacePage(page)
    await workspace.goto(freshApp.url)
    const tabs = page.getByRole('tablist', { name: 'Connections' }).getByRole('tab')
    await page
      .getByRole('button', { name: /^New connection/ })
      .first()
      .click()
    await expect(workspace.url).toBeFocused()
    await page.keyboard.type('ws://127.0.0.1:9/ws/echo')
    await page
      .getByRole('button', { name: /^New connection/ })
      .first()
      .click()
    await expect(workspace.url).toBeFocused()
    await page.keyboard.type('ws://localhost:9/ws/echo')
    await expect(tabs.nth(0)).toHaveAccessibleName(/echo.*127\.0\.0\.1:9/)
    await expect(tabs.nth(1)).toHaveAccessibleName(/echo.*localhost:9/)
  })

  test('the active tab is scrolled into view; all tabs in a menu; middle click and keys', async ({
    page,
    freshApp,
  }) => {
    await page.setViewportSize({ width: 1024, height: 768 })
    const workspace = new WorkspacePage(page)
    await workspace.goto(freshApp.url)
    const strip = page.getByRole('tablist', { name: 'Connections' })
    const tabs = strip.getByRole('tab')
    for (let i = 1; i <= 10; i++) {
      await page
        .getByRole('button', { name: /^New connection/ })
        .first()
        .click()
      await workspace.url.fill(`ws://127.0.0.1:9/feed-number-${i}`)
    }
    await expect(tabs).toHaveCount(10)
    // The newest, active tab is inside the strip's visible box, though ten do not fit.
    const active = strip.getByRole('tab', { selected: true })
    await expect(active).toHaveAccessibleName(/feed-number-10/)
    await expect(active).toBeInViewport({ ratio: 1 })
    const box = (await strip.boundingBox())!
    const tabBox = (await active.boundingBox())!
    expect(tabBox.x + tabBox.width).toBeLessThanOrEqual(box.x + box.width + 1)

    // The menu lists every tab and picks one; the strip follows.
    await page.getByRole('button', { name: 'All tabs (10)' }).click()
    await page
      .getByRole('group', { name: 'All tabs' })
      .getByRole('button', { name: /feed-number-1$/ })
      .click()
    await expect(strip.getByRole('tab', { selected: true })).toHaveAccessibleName(/feed-number-1\b/)
    await expect(strip.getByRole('tab', { selected: true })).toBeInViewport({ ratio: 1 })

    // Alt+PageDown / Alt+PageUp go round the tabs (Ctrl+Tab in the desktop app).
    await page.keyboard.press('Alt+PageUp')
    await expect(strip.getByRole('tab', { selected: true })).toHaveAccessibleName(/feed-number-10/)
    await page.keyboard.press('Alt+PageDown')
    await expect(strip.getByRole('tab', { selected: true })).toHaveAccessibleName(/feed-number-1\b/)

    // A middle click closes the tab under the pointer.
    await tabs.filter({ hasText: 'feed-number-5' }).click({ button: 'middle' })
    await expect(tabs).toHaveCount(9)
    await expect(tabs.filter({ hasText: 'feed-number-5' })).toHaveCount(0)
  })
})

test('the URL field suggests URLs connected to before, and Settings clears them', async ({
  page,
  freshApp,
}) => {
  const workspace = new WorkspacePage(page)
  await workspace.openOnDemoServer(freshApp.url, '/ws/echo')
  const echo = await workspace.url.inputValue()
  await page
    .getByRole('button', { name: /^New connection/ })
    .first()
    .click()
  const suggestions = async () =>
    workspace.url.evaluate((input) =>
      [...((input as HTMLInputElement).list?.options ?? [])].map((option) => option.value),
    )
  await expect.poll(suggestions).toEqual([echo])
  // Suggestions follow the protocol: none of the WebSocket URLs for SSE.
  await page.getByRole('radio', { name: 'SSE', exact: true }).click()
  await expect.poll(suggestions).toEqual([])
  await page.getByRole('radio', { name: 'WebSocket', exact: true }).click()

  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  await page.getByRole('button', { name: 'Clear URL history' }).click()
  await page.getByRole('button', { name: 'Done' }).click()
  await expect.poll(suggestions).toEqual([])
})

test('dragging a tab: its edges move it, its middle compares the two', async ({
  page,
  freshApp,
}) => {
  const workspace = new WorkspacePage(page)
  await workspace.goto(freshApp.url)
  const strip = page.getByRole('tablist', { name: 'Connections' })
  for (const name of ['one', 'two', 'three']) {
    await page
      .getByRole('button', { name: /^New connection/ })
      .first()
      .click()
    await workspace.url.fill(`ws://127.0.0.1:9/${name}`)
  }
  const names = () =>
    strip
      .getByRole('tab')
      .evaluateAll((tabs) => tabs.map((tab) => tab.textContent?.match(/one|two|three/)?.[0]))
  await expect.poll(names).toEqual(['one', 'two', 'three'])

  const tabOf = (name: string) => strip.getByRole('tab', { name: new RegExp(name) })
  const box = (await tabOf('one').boundingBox())!
  await tabOf('three').dragTo(tabOf('one'), { targetPosition: { x: 3, y: box.height / 2 } })
  await expect.poll(names).toEqual(['three', 'one', 'two'])

  await tabOf('two').dragTo(tabOf('one'), {
    targetPosition: { x: box.width / 2, y: box.height / 2 },
  })
  await expect(strip.getByRole('tab', { selected: true })).toHaveAccessibleName(/two ⇄ .*one/)
})
