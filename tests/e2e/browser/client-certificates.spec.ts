import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { TLSSocket } from 'node:tls'
import { WebSocketServer } from 'ws'
import { expect, test } from '../fixtures.ts'
import { WorkspacePage } from '../pages/workspace-page.ts'

const fixtures = join(import.meta.dirname, '../../fixtures/tls')
const read = (name: string): Buffer => readFileSync(join(fixtures, name))

/**
 * A third-party wss:// server with its own (self-signed) certificate that asks for a client
 * certificate and greets the client by its name.
 */
let server: Server
let url: string

test.beforeAll(async () => {
  server = createServer({
    cert: read('localhost-cert.pem'),
    key: read('localhost-key.pem'),
    requestCert: true,
    rejectUnauthorized: true,
    ca: [read('client-cert.pem')],
  })
  new WebSocketServer({ server }).on('connection', (socket, request) => {
    const subject = (request.socket as TLSSocket).getPeerCertificate().subject as { CN: string }
    socket.send(`hello ${subject.CN}`)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `wss://127.0.0.1:${(server.address() as AddressInfo).port}/`
})

test.afterAll(() => {
  server.closeAllConnections()
  return new Promise<void>((resolve) => server.close(() => resolve()))
})

test('connects with a client certificate from a PKCS#12 file and a CA from a PEM file', async ({
  page,
  freshApp,
}) => {
  const workspace = new WorkspacePage(page)
  await workspace.goto(freshApp.url)
  await page
    .getByRole('button', { name: /^New connection/ })
    .first()
    .click()
  await workspace.url.fill(url)

  // Without a certificate: the server's refusal, said in the app's words.
  await page.getByRole('tab', { name: 'Settings' }).click()
  await page.getByLabel('CA from a file…').setInputFiles(join(fixtures, 'localhost-cert.pem'))
  await expect(page.getByRole('textbox', { name: 'Trusted CA (PEM)' })).toHaveValue(
    /BEGIN CERTIFICATE/,
  )
  await page.getByRole('button', { name: 'Connect', exact: true }).click()
  await expect(workspace.row(/asks for a client certificate/)).toBeVisible()

  await page
    .getByLabel('Or a PKCS#12 bundle (.p12, .pfx)…')
    .setInputFiles(join(fixtures, 'client.p12'))
  await expect(page.getByRole('status').filter({ hasText: 'PKCS#12 bundle' })).toBeVisible()
  await page.getByLabel('Passphrase').fill('fixture')
  await page.getByRole('button', { name: 'Connect', exact: true }).click()
  await expect(workspace.row('hello test-client')).toBeVisible()
})
