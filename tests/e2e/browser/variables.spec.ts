import type { IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import { expect, test } from '../fixtures.ts'
import { WorkspacePage } from '../pages/workspace-page.ts'

/**
 * A third-party server, not the demo server: it wants a bearer token and a room in the query, and
 * echoes what it gets. It counts what arrives, so a message refused by the app is seen not sent.
 */
const TOKEN = 'tok-e2e-98765'
let server: WebSocketServer
let port: number
const received: string[] = []
const upgrades: string[] = []

test.beforeAll(async () => {
  server = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    verifyClient: ({ req }: { req: IncomingMessage }) =>
      req.headers.authorization === `Bearer ${TOKEN}`,
  })
  server.on('connection', (socket, request) => {
    upgrades.push(request.url ?? '')
    socket.on('message', (data: Buffer) => {
      const text = data.toString('utf8')
      received.push(text)
      socket.send(`echo:${text}`)
    })
  })
  await new Promise<void>((resolve) => server.once('listening', resolve))
  port = (server.address() as AddressInfo).port
})

test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

test('variables from an environment, the globals and the session fill a connection and each message', async ({
  page,
  freshApp,
}) => {
  const workspace = new WorkspacePage(page)
  await workspace.goto(freshApp.url)

  // An environment with the port and a secret token, in use; a global room.
  await page.getByRole('button', { name: 'Environments and variables' }).click()
  const dialog = page.getByRole('dialog', { name: 'Environments and variables' })
  await dialog.getByRole('textbox', { name: 'Variable name 1' }).fill('room')
  await dialog.getByRole('textbox', { name: 'Variable value 1' }).fill('lobby')
  await dialog.getByRole('button', { name: 'New environment' }).click()
  await dialog.getByRole('textbox', { name: 'Environment name' }).fill('staging')
  await dialog.getByRole('textbox', { name: 'Variable name 1' }).fill('port')
  await dialog.getByRole('textbox', { name: 'Variable value 1' }).fill(String(port))
  await dialog.getByRole('textbox', { name: 'Variable name 2' }).fill('token')
  await dialog.getByRole('textbox', { name: 'Variable value 2' }).fill(TOKEN)
  await dialog.getByRole('button', { name: 'Secret value: token' }).click()
  await dialog.getByRole('button', { name: 'Use it' }).click()
  await dialog.getByRole('button', { name: 'Done', exact: true }).click()
  await expect(page.getByRole('combobox', { name: 'Environment' })).toHaveValue(/.+/)

  // A connection written with them, and a variable of its own.
  await page.getByRole('button', { name: 'New connection' }).first().click()
  await workspace.url.fill('ws://127.0.0.1:{{port}}/socket?room={{room}}&x={{nope}}')
  await expect(page.getByText('{{nope}} is not defined')).toBeVisible()
  await expect(workspace.url).toHaveAttribute('aria-invalid', 'true')
  await page.getByRole('button', { name: 'Connect', exact: true }).click()
  await expect(page.getByRole('alert').filter({ hasText: '{{nope}} in the URL' })).toBeVisible()
  expect(upgrades).toEqual([])

  // Typing {{ offers the names it can complete to.
  await workspace.url.fill('ws://127.0.0.1:{{po')
  await expect(page.getByRole('listbox', { name: 'Variables' }).getByRole('option')).toHaveText([
    /^\{\{port\}\}\s*environment/,
  ])
  await workspace.url.press('Enter')
  await expect(workspace.url).toHaveValue('ws://127.0.0.1:{{port}}')
  await workspace.url.fill('ws://127.0.0.1:{{port}}/socket?room={{room}}')
  await page.getByRole('tab', { name: 'Headers' }).click()
  await page.getByRole('textbox', { name: 'Header name 1' }).fill('Authorization')
  await page.getByRole('textbox', { name: 'Header value 1' }).fill('Bearer {{token}}')
  await page.getByRole('tab', { name: 'Variables' }).click()
  await page.getByRole('textbox', { name: 'Variable name 1' }).fill('name')
  await page.getByRole('textbox', { name: 'Variable value 1' }).fill('Ada')
  await page.getByRole('button', { name: 'Connect', exact: true }).click()
  await expect(workspace.row(/Open: 101 /)).toBeVisible()
  expect(upgrades).toEqual(['/socket?room=lobby'])

  // The token reached the server, and not the log: the handshake shows it redacted.
  await page.getByRole('tab', { name: 'Handshake' }).click()
  await expect(page.getByRole('row', { name: /^Authorization/ })).toContainText('(redacted)')
  await page.getByRole('tab', { name: 'Messages' }).click()

  // Each send fills the variables again: a changed value goes with the next message.
  await page.getByRole('tab', { name: 'Message', exact: true }).click()
  await page.getByRole('button', { name: 'Variables', exact: true }).click()
  const menu = page.getByRole('list', { name: 'Variables to insert' })
  await expect(menu.getByRole('button', { name: /\{\{token\}\}/ })).toContainText('••••••')
  await expect(menu.getByRole('button', { name: /\{\{uuid\}\}/ })).toContainText('dynamic')
  await workspace.message.fill('hello ')
  await menu.getByRole('button', { name: /\{\{name\}\}/ }).click()
  await expect(workspace.message).toHaveValue('hello {{name}}')
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(workspace.row('echo:hello Ada')).toBeVisible()
  await page.getByRole('tab', { name: 'Variables' }).click()
  await page.getByRole('textbox', { name: 'Variable value 1' }).fill('Grace')
  await page.getByRole('tab', { name: 'Message', exact: true }).click()
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(workspace.row('echo:hello Grace')).toBeVisible()

  // An unknown name is not sent as typed.
  await workspace.message.fill('{{missing}}')
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(page.getByText('{{missing}} in the message is not defined')).toBeVisible()
  expect(received).toEqual(['hello Ada', 'hello Grace'])

  // The environment and its choice outlive a reload.
  await page.reload()
  await expect(page.getByTestId('host-link')).toHaveText('Connected')
  await expect(
    page.getByRole('combobox', { name: 'Environment' }).getByRole('option', { selected: true }),
  ).toHaveText('staging')
})
