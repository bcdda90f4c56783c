import { once } from 'node:events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { rawHttp } from '../support/raw-http.ts'
import { startServeProcess, type ServeProcess } from '../support/serve-process.ts'

/**
 * Requests any web page the user visits could send the demo server (the Host check passes for
 * 127.0.0.1:port), against `serve` in its own process: none may end it, and foreign pages may
 * not open its WebSockets.
 */
let serve: ServeProcess
let port: number

beforeAll(async () => {
  serve = await startServeProcess(['--allow-origin', 'https://staging.example.com'])
  port = Number(new URL(serve.url).port)
})
afterAll(() => serve.stop())

/** The server still answers, from the same process. */
async function stillServing(): Promise<void> {
  expect(serve.alive()).toBe(true)
  expect((await fetch(`${serve.url}/api/endpoints`)).status).toBe(200)
}

/** A WebSocket upgrade's outcome: open, or the status it was refused with. */
function upgrade(path: string, headers: Record<string, string> = {}): Promise<number | 'open'> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${serve.url.replace('http:', 'ws:')}${path}`, { headers })
    socket.once('open', () => {
      socket.close()
      resolve('open')
    })
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0))
    socket.once('error', reject)
  })
}

describe('generators', () => {
  it('survives an SSE generator of 1 MiB events at full speed (once a 2 GB string)', async () => {
    const controller = new AbortController()
    const response = await fetch(`${serve.url}/sse/stream?size=1048576&rate=0`, {
      signal: controller.signal,
    })
    const reader = response.body!.getReader()
    let received = 0
    while (received < 8 * 1024 * 1024) received += (await reader.read()).value?.length ?? 0
    controller.abort()
    await stillServing()
  })

  it('survives a WebSocket generator of 16 MiB messages at full speed', async () => {
    const socket = new WebSocket(
      `${serve.url.replace('http:', 'ws:')}/ws/stream?size=16777216&rate=0`,
      {
        maxPayload: 32 * 1024 * 1024,
      },
    )
    const data = await new Promise<Buffer>((resolve, reject) => {
      socket.once('message', resolve)
      socket.once('close', (code) => reject(new Error(`closed with ${code} before a message`)))
    })
    expect(data.length).toBe(16 * 1024 * 1024)
    socket.terminate()
    await stillServing()
  })

  it.each([
    ['/sse/stream?size=1048577', 400],
    ['/sse/stream?rate=10000001', 400],
    ['/sse/stream?count=-1', 400],
    ['/sse/stream?retry=1e99', 400],
    ['/sse/llm?delay=99999', 400],
  ])('refuses %s with %i and a sentence', async (path, status) => {
    const response = await fetch(`${serve.url}${path}`)
    expect(response.status).toBe(status)
    expect(await response.text()).toMatch(/must be/)
  })

  it('closes a WebSocket generator asked for more than it allows with 1008, saying why', async () => {
    const socket = new WebSocket(`${serve.url.replace('http:', 'ws:')}/ws/stream?size=16777217`)
    const [code, reason] = (await once(socket, 'close')) as [number, Buffer]
    expect(code).toBe(1008)
    expect(reason.toString()).toContain('size must be a whole number')
    await stillServing()
  })
})

describe('WebSocket origins', () => {
  it('refuses a page from another site, saying how to allow it', async () => {
    expect(await upgrade('/ws/echo', { Origin: 'https://evil.example' })).toBe(403)
    const refusal = await rawHttp(
      port,
      `GET /ws/echo HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: https://evil.example\r\n\r\n`,
    )
    expect(refusal).toMatch(/^HTTP\/1\.1 403 /)
    expect(refusal).toContain('--allow-origin https://evil.example')
  })

  it('accepts clients without an Origin, a front end on localhost, and allowed origins', async () => {
    expect(await upgrade('/ws/echo')).toBe('open')
    expect(await upgrade('/ws/echo', { Origin: 'http://localhost:3000' })).toBe('open')
    expect(await upgrade('/ws/echo', { Origin: 'https://staging.example.com' })).toBe('open')
  })
})

describe('Host headers', () => {
  it('answers a request with two Host headers 400, over HTTP and for an upgrade', async () => {
    const twoHosts = `Host: 127.0.0.1:${port}\r\nHost: evil.example\r\nConnection: close\r\n`
    expect(await rawHttp(port, `GET /api/endpoints HTTP/1.1\r\n${twoHosts}\r\n`)).toMatch(
      /^HTTP\/1\.1 400 /,
    )
    expect(
      await rawHttp(
        port,
        `GET /ws/echo HTTP/1.1\r\n${twoHosts}Upgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      ),
    ).toMatch(/^HTTP\/1\.1 400 /)
    await stillServing()
  })
})

describe('the connection cap', () => {
  it('is an option of serve: past it, 503', async () => {
    const small = await startServeProcess(['--max-clients', '2'])
    const url = small.url.replace('http:', 'ws:')
    const first = new WebSocket(`${url}/ws/echo`)
    const second = new WebSocket(`${url}/ws/echo`)
    await Promise.all([once(first, 'open'), once(second, 'open')])
    const third = new WebSocket(`${url}/ws/echo`)
    const [, response] = (await once(third, 'unexpected-response')) as [
      unknown,
      { statusCode: number },
    ]
    expect(response.statusCode).toBe(503)
    first.terminate()
    second.terminate()
    await small.stop()
  })
})
