import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, test } from '../fixtures.ts'
import { WorkspacePage } from '../pages/workspace-page.ts'

/**
 * A third-party server, not the demo server: it wants a token, and says so in its answer the way
 * real APIs do (a 401 with WWW-Authenticate and a JSON body).
 */
let server: Server
let base: string

test.beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url?.startsWith('/events')) {
      response.writeHead(403, { 'Content-Type': 'application/json' })
      response.end(JSON.stringify({ error: 'forbidden', detail: 'plan does not include streams' }))
      return
    }
    response.writeHead(401, {
      'WWW-Authenticate': 'Bearer realm="api", error="invalid_token"',
      'Content-Type': 'application/json',
    })
    response.end(JSON.stringify({ error: 'unauthorized', hint: 'send a bearer token' }, null, 2))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `127.0.0.1:${(server.address() as AddressInfo).port}`
})

test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

test.describe('a refused handshake', () => {
  test('shows the server’s whole answer in the Handshake tab (WebSocket)', async ({
    page,
    freshApp,
  }) => {
    const workspace = new WorkspacePage(page)
    await workspace.goto(freshApp.url)
    await page.getByRole('button', { name: 'New connection' }).first().click()
    await workspace.url.fill(`ws://${base}/socket`)
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    await expect(
      workspace.row('HANDSHAKE_REJECTED (the whole answer is in the Handshake tab)'),
    ).toBeVisible()
    await page.getByRole('tab', { name: 'Handshake' }).click()
    const panel = page.locator('.handshake-panel')
    await expect(panel.getByRole('alert')).toContainText('The server refused the handshake')
    await expect(panel).toContainText('401 Unauthorized')
    await expect(panel.getByRole('row', { name: /WWW-Authenticate/i })).toContainText(
      'error="invalid_token"',
    )
    await expect(panel.getByRole('row', { name: /Sec-WebSocket-Key/i })).toBeVisible()
    await expect(panel.locator('pre')).toContainText('"hint": "send a bearer token"')
  })

  test('and for SSE, a 403 with its JSON body', async ({ page, freshApp }) => {
    const workspace = new WorkspacePage(page)
    await workspace.goto(freshApp.url)
    await page.getByRole('button', { name: 'New connection' }).first().click()
    await workspace.url.fill(`http://${base}/events`)
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    await expect(workspace.row('HANDSHAKE_REJECTED')).toBeVisible()
    await page.getByRole('tab', { name: 'Handshake' }).click()
    const panel = page.locator('.handshake-panel')
    await expect(panel).toContainText('403 Forbidden')
    await expect(panel.locator('pre')).toContainText('plan does not include streams')
  })
})
