import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Page } from '@playwright/test'
import { expect, test } from '../fixtures.ts'

/** Opens a WebSocket from inside `page` and reports whether it opened. */
function tryRpc(page: Page, url: string): Promise<'open' | 'refused'> {
  return page.evaluate(
    (target) =>
      new Promise<'open' | 'refused'>((resolve) => {
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

test.describe('the browser host guards /rpc', () => {
  test('/rpc without the token is refused', async ({ page, runningApp }) => {
    await page.goto(runningApp.url)
    const rpc = `${runningApp.origin.replace('http:', 'ws:')}/rpc`
    expect(await tryRpc(page, rpc)).toBe('refused')
    expect(await tryRpc(page, `${rpc}?token=${runningApp.token}`)).toBe('open')
  })

  test('a bad Host gets 403', async ({ request, runningApp }) => {
    const response = await request.get(runningApp.origin, { headers: { Host: 'rebind.example' } })
    expect(response.status()).toBe(403)
    const ownHost = await request.get(runningApp.origin)
    expect(ownHost.status()).toBe(200)
  })

  test.describe('a page from another origin', () => {
    let foreign: Server
    test.beforeAll(async () => {
      foreign = createServer((_request, response) => {
        response.writeHead(200, { 'Content-Type': 'text/html' })
        response.end('<!doctype html><title>another site</title>')
      })
      await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve))
    })
    test.afterAll(() => new Promise<void>((resolve) => foreign.close(() => resolve())))

    test('is refused even with the token', async ({ page, runningApp }) => {
      await page.goto(`http://127.0.0.1:${(foreign.address() as AddressInfo).port}/`)
      const rpc = `${runningApp.origin.replace('http:', 'ws:')}/rpc?token=${runningApp.token}`
      expect(await tryRpc(page, rpc)).toBe('refused')
    })
  })
})
