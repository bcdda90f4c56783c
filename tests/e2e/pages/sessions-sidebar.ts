import { expect, type Locator, type Page } from '@playwright/test'

/** The sessions half of the sidebar, as a user sees it. */
export class SessionsSidebar {
  readonly page: Page
  readonly root: Locator
  readonly search: Locator

  constructor(page: Page) {
    this.page = page
    this.root = page.getByRole('navigation', { name: 'Sessions' })
    this.search = this.root.getByRole('searchbox', { name: 'Search sessions' })
  }

  /** The button that opens a saved session, by its name: "WS echo", "SSE clock". */
  session(name: string): Locator {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    return this.root.getByRole('button', {
      name: new RegExp(`^(WS|SSE|\\?) ${escaped}$`),
    })
  }

  async menu(sessionName: string, action: string): Promise<void> {
    await this.root.getByRole('button', { name: `Actions for ${sessionName}` }).click()
    await this.root.getByRole('menuitem', { name: action }).click()
  }

  /** Shows the session's runs and returns their buttons, newest first. */
  async runs(sessionName: string): Promise<Locator> {
    const toggle = this.root.getByRole('button', { name: `Runs of ${sessionName}` })
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click()
    const list = this.root.getByRole('list', { name: `Recorded runs of ${sessionName}` })
    await expect(list).toBeVisible()
    return list.getByRole('button', { name: /^Open run of/ })
  }

  /** Imports a file through the Import button's file chooser. */
  async import(path: string): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser')
    await this.root.getByRole('button', { name: 'Import a session or HAR file' }).click()
    await (await chooser).setFiles(path)
  }
}
