import { expect, type Locator, type Page } from '@playwright/test'

/** The workspace as a user sees it: found by roles and labels, never by CSS. */
export class WorkspacePage {
  readonly page: Page
  readonly rows: Locator
  readonly url: Locator
  readonly message: Locator
  readonly search: Locator

  constructor(page: Page) {
    this.page = page
    this.rows = page.getByRole('listbox', { name: 'Messages' }).getByRole('option')
    this.url = page.getByRole('combobox', { name: 'URL' })
    this.message = page.getByRole('textbox', { name: 'Message' })
    this.search = page.getByRole('searchbox', { name: 'Search messages' })
  }

  async goto(url: string): Promise<void> {
    await this.page.goto(url)
    await expect(this.page.getByTestId('host-link')).toHaveText('Connected')
  }

  async startDemoServer(): Promise<void> {
    await this.page.getByRole('main').getByRole('button', { name: 'Start demo server' }).click()
    await expect(
      this.page.getByRole('main').getByRole('list', { name: 'Demo endpoints' }),
    ).toBeVisible()
  }

  /** Opens a demo endpoint in a new tab, connected. */
  async openEndpoint(path: string): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Sessions' })
      .getByRole('button', { name: `Open ${path}` })
      .click()
    await expect(this.row(/Open: \d{3} /)).toBeVisible()
  }

  /** Disconnects the tab and connects again with the URL's query replaced by `query`. */
  async reconnectWithQuery(query: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Disconnect' }).click()
    const url = await this.url.inputValue()
    await this.url.fill(url.replace(/\?.*$/, query))
    await this.page.getByRole('button', { name: 'Connect', exact: true }).click()
  }

  /** Opens the app at `appUrl`, starts its demo server and opens `path` in a new tab, connected. */
  async openOnDemoServer(appUrl: string, path: string): Promise<void> {
    await this.goto(appUrl)
    await this.startDemoServer()
    await this.openEndpoint(path)
  }

  row(text: string | RegExp): Locator {
    return this.rows.filter({ hasText: text })
  }

  async send(format: 'Text' | 'JSON' | 'Hex' | 'Base64', text: string): Promise<void> {
    await this.page
      .getByRole('radiogroup', { name: 'Message format' })
      .getByRole('radio', { name: format, exact: true })
      .click()
    await this.message.fill(text)
    await this.page.getByRole('button', { name: 'Send', exact: true }).click()
  }

  get details(): Locator {
    return this.page.getByRole('region', { name: 'Message details' })
  }
}
