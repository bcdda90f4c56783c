import type { Page } from '@playwright/test'
import { expect, test } from '../fixtures.ts'

/** Chromium's own EventSource, in the page: resolves with the first `count` events' data. */
function eventSourceData(
  page: Page,
  path: string,
  count: number,
  type = 'message',
): Promise<string[]> {
  return page.evaluate(
    ({ path, count, type }) =>
      new Promise<string[]>((resolve, reject) => {
        const source = new EventSource(path)
        const received: string[] = []
        source.addEventListener(type, (event) => {
          received.push((event as MessageEvent<string>).data)
          if (received.length === count) {
            source.close()
            resolve(received)
          }
        })
        source.onerror = () => {
          if (source.readyState === EventSource.CLOSED) reject(new Error('EventSource failed'))
        }
      }),
    { path, count, type },
  )
}

test.describe('the demo server, to Chromium’s own clients', () => {
  test.beforeEach(async ({ page, demoServerUrl }) => {
    await page.goto(demoServerUrl)
  })

  test('lists its endpoints on its home page', async ({ page }) => {
    await expect(
      page.getByRole('heading', { name: 'Realtime Playground demo server' }),
    ).toBeVisible()
    await expect(page.getByRole('heading', { name: /\/sse\/clock/ })).toBeVisible()
    await expect(page.getByRole('heading', { name: /\/ws\/chat/ })).toBeVisible()
  })

  test('/sse/clock delivers the time to an EventSource', async ({ page }) => {
    const [time] = await eventSourceData(page, '/sse/clock', 1)
    expect(Number.isNaN(Date.parse(time!))).toBe(false)
  })

  test('/sse/stream delivers named events with ids to an EventSource', async ({ page }) => {
    const data = await eventSourceData(
      page,
      '/sse/stream?rate=0&count=5&event=tick&ids=1',
      5,
      'tick',
    )
    expect(data.map((text) => (JSON.parse(text) as { seq: number }).seq)).toEqual([1, 2, 3, 4, 5])
  })

  test('/ws/echo echoes text and binary to a WebSocket', async ({ page }) => {
    const echoed = await page.evaluate(
      () =>
        new Promise<[string, number[]]>((resolve) => {
          const socket = new WebSocket(`${location.origin.replace('http', 'ws')}/ws/echo`)
          socket.binaryType = 'arraybuffer'
          const received: unknown[] = []
          socket.onopen = () => {
            socket.send('hello')
            socket.send(new Uint8Array([0, 1, 2, 254, 255]))
          }
          socket.onmessage = (event) => {
            received.push(event.data)
            if (received.length === 2) {
              socket.close()
              resolve([received[0] as string, [...new Uint8Array(received[1] as ArrayBuffer)]])
            }
          }
        }),
    )
    expect(echoed).toEqual(['hello', [0, 1, 2, 254, 255]])
  })

  test('/ws/chat: two pages see each other’s messages', async ({
    page,
    context,
    demoServerUrl,
  }) => {
    const other = await context.newPage()
    await other.goto(demoServerUrl)
    const join = (target: Page) =>
      target.evaluate(() => {
        const socket = new WebSocket(`${location.origin.replace('http', 'ws')}/ws/chat?room=e2e`)
        const log: string[] = []
        Object.assign(window, { chatSocket: socket, chatLog: log })
        socket.onmessage = (event) => log.push(event.data as string)
        return new Promise<void>((resolve) => (socket.onopen = () => resolve()))
      })
    const chatLog = (target: Page) =>
      target.evaluate(() => (window as unknown as { chatLog: string[] }).chatLog)
    await join(page)
    await join(other)
    await page.evaluate(() =>
      (window as unknown as { chatSocket: WebSocket }).chatSocket.send('hi from page one'),
    )
    await other.evaluate(() =>
      (window as unknown as { chatSocket: WebSocket }).chatSocket.send('hi from page two'),
    )

    await expect.poll(() => chatLog(other)).toContain('hi from page one')
    await expect.poll(() => chatLog(page)).toContain('hi from page two')
    expect(await chatLog(page)).toContain(JSON.stringify({ type: 'join', room: 'e2e', clients: 2 }))
  })
})
