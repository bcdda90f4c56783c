import { tempDir } from '../../support/temp-dir.ts'
import { once } from 'node:events'
import { request } from 'node:http'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { WebSocket } from 'ws'
import { createAppApi, type AppApiHost } from '../../../main/host/app-api.ts'
import { startBrowserHost, type BrowserHost } from '../../../main/host/browser-host.ts'
import { openDownStream, openRpcSocket } from '../../support/browser-host-client.ts'
import { createRendererFixture } from '../../support/renderer-fixture.ts'

let app: AppApiHost
let host: BrowserHost

beforeAll(async () => {
  app = createAppApi({ shell: 'browser', dataDir: tempDir() })
  host = await startBrowserHost({
    api: app.api,
    events: app.events,
    rendererDir: await createRendererFixture(),
  })
})

afterAll(async () => {
  await host.close()
  await app.close()
})

interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A raw HTTP request, so the Host header is exactly what the test says. */
function get(
  path: string,
  options: { method?: string; hostHeader?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: '127.0.0.1',
        port: host.port,
        path,
        method: options.method ?? 'GET',
        headers: { Host: options.hostHeader ?? `127.0.0.1:${host.port}` },
      },
      (response) => {
        let body = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (body += chunk))
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        )
      },
    )
    outgoing.on('error', reject)
    outgoing.end()
  })
}

/** The HTTP status with which an upgrade to /rpc is refused. */
async function upgradeStatus(
  url: string,
  options: { origin?: string; hostHeader?: string },
): Promise<number> {
  const socket = new WebSocket(url, {
    origin: options.origin ?? `http://127.0.0.1:${host.port}`,
    ...(options.hostHeader ? { headers: { Host: options.hostHeader } } : {}),
  })
  socket.on('error', () => {})
  const [, response] = (await once(socket, 'unexpected-response')) as [
    unknown,
    { statusCode: number },
  ]
  socket.terminate()
  return response.statusCode
}

describe('startBrowserHost', () => {
  it('serves the renderer with a strict Content-Security-Policy', async () => {
    const response = await get('/')
    expect(response.status).toBe(200)
    expect(response.body).toContain('<title>fixture</title>')
    expect(response.headers['content-security-policy']).toContain("script-src 'self'")
    expect(response.headers['content-security-policy']).toContain("default-src 'none'")
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(response.headers['referrer-policy']).toBe('no-referrer')
  })

  it('answers 404 for files it does not have, including attempts to climb out', async () => {
    expect((await get('/nope.js')).status).toBe(404)
    expect((await get('/../package.json')).status).toBe(404)
    expect((await get('/%2e%2e/package.json')).status).toBe(404)
  })

  it('answers 403 to a Host header that is not its own address', async () => {
    const response = await get('/', { hostHeader: `evil.example:${host.port}` })
    expect(response.status).toBe(403)
    expect(response.body).toContain('"evil.example:')
  })

  it('answers 405 to methods other than GET and HEAD', async () => {
    const response = await get('/', { method: 'POST' })
    expect(response.status).toBe(405)
    expect(response.headers.allow).toBe('GET, HEAD')
  })

  it('answers 426 to a plain GET of /rpc', async () => {
    expect((await get('/rpc')).status).toBe(426)
  })

  it('prints a URL with the token on its loopback port', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`)
    expect(host.token).toMatch(/^[\w-]{43}$/)
  })

  describe('/rpc upgrades', () => {
    const rpc = (query = ''): string => `ws://127.0.0.1:${host.port}/rpc${query}`

    it('accepts the page’s own origin with the token', async () => {
      const socket = await openRpcSocket(host)
      expect(socket.readyState).toBe(WebSocket.OPEN)
      socket.close()
    })

    it('refuses a missing or wrong token with 401', async () => {
      expect(await upgradeStatus(rpc(), {})).toBe(401)
      expect(await upgradeStatus(rpc('?token=wrong'), {})).toBe(401)
    })

    it('refuses a foreign Origin with 403, even with the token', async () => {
      expect(
        await upgradeStatus(rpc(`?token=${host.token}`), { origin: 'https://evil.example' }),
      ).toBe(403)
    })

    it('refuses a bad Host with 403, even with the token', async () => {
      expect(await upgradeStatus(rpc(`?token=${host.token}`), { hostHeader: 'evil.example' })).toBe(
        403,
      )
    })

    it('refuses upgrades on other paths with 404', async () => {
      expect(await upgradeStatus(`ws://127.0.0.1:${host.port}/other?token=${host.token}`, {})).toBe(
        404,
      )
    })
  })

  describe('/rpc/down streams', () => {
    it('carries the host’s messages for the client whose channel it names', async () => {
      const channel = crypto.randomUUID()
      const socket = await openRpcSocket(host, { channel })
      const cut = new AbortController()
      const down = await openDownStream(host, channel, host.token, cut.signal)
      expect(down.response.status).toBe(200)
      expect(down.response.headers.get('cache-control')).toBe('no-store')
      const messages: (string | Uint8Array)[] = []
      down.onMessage((message) => messages.push(message))
      socket.send(JSON.stringify({ kind: 'call', id: 1, method: 'getAppInfo', args: [] }))
      await vi.waitFor(() => expect(messages).toHaveLength(1))
      expect(JSON.parse(messages[0] as string)).toMatchObject({ kind: 'return', id: 1 })
      const closed = once(socket, 'close')
      cut.abort()
      await closed // the socket goes with its stream
    })

    it('ends when its socket closes', async () => {
      const channel = crypto.randomUUID()
      const socket = await openRpcSocket(host, { channel })
      const down = await openDownStream(host, channel)
      const ended = new Promise<void>((resolve) => down.onClose(resolve))
      socket.close()
      await ended
    })

    it('refuses a wrong token, an unknown channel, and a second stream, with 404', async () => {
      const channel = crypto.randomUUID()
      const socket = await openRpcSocket(host, { channel })
      expect((await openDownStream(host, channel, 'wrong')).response.status).toBe(404)
      expect((await openDownStream(host, crypto.randomUUID())).response.status).toBe(404)
      const first = await openDownStream(host, channel)
      expect(first.response.status).toBe(200)
      expect((await openDownStream(host, channel)).response.status).toBe(404)
      socket.close()
    })
  })

  it('closes connected clients with 1001 when it stops', async () => {
    const ownApp = createAppApi({ shell: 'browser', dataDir: tempDir() })
    const ownHost = await startBrowserHost({
      api: ownApp.api,
      events: ownApp.events,
      rendererDir: await createRendererFixture(),
    })
    const socket = await openRpcSocket(ownHost)
    const closed = once(socket, 'close')
    await ownHost.close()
    const [code] = (await closed) as [number]
    expect(code).toBe(1001)
  })

  it('refuses to start, saying what to do, when the renderer is not built', async () => {
    const emptyDir = await mkdtemp(join(tmpdir(), 'rp-empty-'))
    await expect(
      startBrowserHost({ api: app.api, events: app.events, rendererDir: emptyDir }),
    ).rejects.toThrow(
      /The renderer is not built: .*index\.html is missing\. Run "npm run build" first\./,
    )
  })
})
