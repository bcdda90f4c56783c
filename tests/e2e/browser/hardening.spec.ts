import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, test } from '../fixtures.ts'
import { WorkspacePage } from '../pages/workspace-page.ts'

/**
 * What a person sees of the hardening: a web page from elsewhere cannot use the demo server
 * through their browser unless they allow its origin in Settings, and a log row shows characters
 * that would disguise its text.
 */

/** A page served from another origin (127.0.0.2 is this machine, but not an origin the demo server trusts). */
async function startForeignPage(): Promise<{ url: string; server: Server }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html' })
    response.end('<!doctype html><title>Some other site</title><h1>Some other site</h1>')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.2:${port}/`, server }
}

/** Opens a WebSocket from the current page: 'open', or 'refused' when the handshake fails. */
function socketFromPage(page: import('@playwright/test').Page, url: string): Promise<string> {
  return page.evaluate(
    (target) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(target)
        socket.onopen = () => {
          socket.close()
          resolve('open')
        }
        socket.onerror = () => resolve('refused')
      }),
    url,
  )
}

test('a foreign page is refused by the demo server until its origin is allowed in Settings', async ({
  page,
  freshApp,
}) => {
  const foreign = await startForeignPage()
  const workspace = new WorkspacePage(page)
  await workspace.goto(freshApp.url)
  await page.getByRole('button', { name: 'Settings' }).click()
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  await expect(dialog.getByRole('group', { name: 'Demo server' })).toBeVisible()
  await dialog.getByRole('spinbutton', { name: 'Connection limit' }).fill('50')
  await dialog.getByRole('button', { name: 'Done' }).click()
  await workspace.startDemoServer()
  const wsUrl = `ws://127.0.0.1:${await demoPort(page)}/ws/echo`

  await page.goto(foreign.url)
  expect(await socketFromPage(page, wsUrl)).toBe('refused')

  await workspace.goto(freshApp.url)
  await page
    .getByRole('region', { name: 'Demo server', exact: true })
    .getByRole('button', { name: 'Stop demo server' })
    .click()
  await page.getByRole('button', { name: 'Settings' }).click()
  await dialog
    .getByRole('textbox', { name: 'Also accept web pages from' })
    .fill(new URL(foreign.url).origin)
  await dialog.getByRole('button', { name: 'Done' }).click()
  await page
    .getByRole('region', { name: 'Demo server', exact: true })
    .getByRole('button', { name: 'Start demo server' })
    .click()
  await expect(
    page.getByText(`Also accepts pages from ${new URL(foreign.url).origin}`),
  ).toBeVisible()
  // Started again, the server may have another port (8080 is taken by another app here).
  const restartedUrl = `ws://127.0.0.1:${await demoPort(page)}/ws/echo`

  await page.goto(foreign.url)
  expect(await socketFromPage(page, restartedUrl)).toBe('open')
  foreign.server.close()
})

async function demoPort(page: import('@playwright/test').Page): Promise<number> {
  const text = await page
    .getByRole('region', { name: 'Demo server', exact: true })
    .getByText(/^on :\d+$/)
    .textContent()
  return Number(/:(\d+)/.exec(text ?? '')?.[1])
}

test('a log row shows a right-to-left override instead of obeying it', async ({
  page,
  freshApp,
}) => {
  const workspace = new WorkspacePage(page)
  await workspace.openOnDemoServer(freshApp.url, '/ws/echo')
  await workspace.send('Text', 'invoice_\u202egpj.exe')
  await expect(workspace.row('invoice_⟨U+202E⟩gpj.exe')).toHaveCount(2)
  await workspace.row('invoice_⟨U+202E⟩gpj.exe').first().click()
  await expect(workspace.details).toContainText('invoice_⟨U+202E⟩gpj.exe')
})
