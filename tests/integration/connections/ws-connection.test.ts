import { randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { startDemoServer, type DemoServer } from '../../../embedded-server/index.ts'
import { ConnectionHarness, isType } from '../../support/connection-harness.ts'
import {
  startConnectProxy,
  startHttpTestServer,
  startWsTestServer,
  TLS_FIXTURE,
  type TestServer,
} from '../../support/test-servers.ts'
import { switchingProtocols } from '../../support/ws-upgrade.ts'

let demo: DemoServer
let wsBase: string
let harness: ConnectionHarness
const servers: TestServer[] = []

beforeAll(async () => {
  demo = await startDemoServer({ port: 0 })
  wsBase = demo.url.replace('http:', 'ws:')
})
afterAll(() => demo.close())

afterEach(async () => {
  harness.close()
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

function connect(request: Parameters<ConnectionHarness['manager']['connect']>[0]) {
  harness = new ConnectionHarness()
  return harness.manager.connect(request).id
}

describe('a WebSocket connection', () => {
  it('reports the handshake: status, response headers, subprotocol, extensions, time', async () => {
    const id = connect({ url: `${wsBase}/ws/echo`, ws: { subprotocols: ['mqtt', 'chat.v1'] } })
    const open = await harness.waitForEvent(id, isType('open'))
    expect(open.handshake).toMatchObject({
      status: 101,
      subprotocol: 'chat.v1',
      extensions: expect.stringContaining('permessage-deflate'),
    })
    expect(open.handshake.responseHeaders.map(({ name }) => name.toLowerCase())).toContain(
      'sec-websocket-accept',
    )
    const sent = open.handshake.requestHeaders.map(({ name }) => name.toLowerCase())
    expect(sent).toEqual(
      expect.arrayContaining([
        'sec-websocket-key',
        'sec-websocket-version',
        'sec-websocket-protocol',
      ]),
    )
    expect(open.handshake.durationMs).toBeGreaterThan(0)
    expect(harness.manager.get(id).state).toBe('open')
  })

  it('offers no compression when permessage-deflate is switched off', async () => {
    const id = connect({ url: `${wsBase}/ws/echo`, ws: { perMessageDeflate: false } })
    expect((await harness.waitForEvent(id, isType('open'))).handshake.extensions).toBeNull()
  })

  it('sends the headers, auth and Origin it is given, which a browser cannot', async () => {
    let seen: Record<string, string | string[] | undefined> = {}
    servers.push(await startWsTestServer((_socket, request) => (seen = request.headers)))
    const id = connect({
      url: servers[0]!.url,
      headers: [{ name: 'X-Trace', value: 'abc' }],
      auth: { type: 'bearer', token: 't0k3n' },
      ws: { origin: 'https://app.example' },
    })
    await harness.waitForEvent(id, isType('open'))
    expect(seen).toMatchObject({
      'x-trace': 'abc',
      authorization: 'Bearer t0k3n',
      origin: 'https://app.example',
    })
  })

  it('times each message by the socket read it came in, frames sent with the 101 included', async () => {
    const frame = (text: string): Buffer =>
      Buffer.concat([Buffer.from([0x81, text.length]), Buffer.from(text)])
    const server = await startHttpTestServer(() => {})
    servers.push(server)
    let peer: Socket | undefined
    server.server.on('upgrade', (request: IncomingMessage, socket: Socket) => {
      peer = socket
      // The handshake's answer and three frames in one write, two more in a later one.
      socket.write(
        Buffer.concat([
          Buffer.from(switchingProtocols(request)),
          frame('one'),
          frame('two'),
          frame('three'),
        ]),
      )
      setTimeout(() => socket.write(Buffer.concat([frame('four'), frame('five')])), 50)
    })
    const id = connect({
      url: server.url.replace('http:', 'ws:'),
      ws: { perMessageDeflate: false },
    })
    await harness.waitForEvent(id, (event) => event.type === 'message' && event.data === 'five')
    const incoming = harness.messages(id, 'in')
    expect(incoming.map(({ data }) => data)).toEqual(['one', 'two', 'three', 'four', 'five'])
    const [one, two, three, four, five] = incoming.map(({ ts }) => ts)
    expect([two, three]).toEqual([one, one])
    expect(five).toBe(four)
    expect(four! - one!).toBeGreaterThanOrEqual(40)
    peer!.destroy()
  })

  it('sends text, compact JSON and binary, and the echo comes back byte for byte', async () => {
    const id = connect({ url: `${wsBase}/ws/echo` })
    await harness.waitForEvent(id, isType('open'))
    const bytes = randomBytes(300)
    harness.manager.send(id, { kind: 'text', text: 'héllo' })
    harness.manager.send(id, { kind: 'json', text: '{ "a": [1, 2] }', compact: true })
    harness.manager.send(id, { kind: 'binary', encoding: 'base64', data: bytes.toString('base64') })
    await harness.waitForEvent(
      id,
      (event) => event.type === 'message' && event.direction === 'in' && event.kind === 'binary',
    )
    const incoming = harness.messages(id, 'in')
    expect(incoming.map(({ kind, data }) => [kind, data])).toEqual([
      ['text', 'héllo'],
      ['text', '{"a":[1,2]}'],
      ['binary', undefined],
    ])
    expect(Buffer.from(incoming[2]!.base64!, 'base64').equals(bytes)).toBe(true)
    expect(harness.messages(id, 'out').map(({ size }) => size)).toEqual([6, 11, 300])
  })

  it('sends a ping and reports the pong with its data', async () => {
    const id = connect({ url: `${wsBase}/ws/echo` })
    await harness.waitForEvent(id, isType('open'))
    harness.manager.ping(id, 'are you there')
    const pong = await harness.waitForEvent(
      id,
      (event) => event.type === 'message' && event.kind === 'pong',
    )
    expect(pong).toMatchObject({ direction: 'in', data: 'are you there' })
  })

  it('answers the server’s pings and logs both', async () => {
    const id = connect({ url: `${wsBase}/ws/echo?ping=1` })
    await harness.waitForEvent(
      id,
      (event) => event.type === 'message' && event.kind === 'pong' && event.direction === 'out',
    )
    expect(harness.messages(id).map(({ direction, kind }) => `${direction} ${kind}`)).toEqual([
      'in ping',
      'out pong',
    ])
  })

  it('closes with the code and reason asked for', async () => {
    const id = connect({ url: `${wsBase}/ws/echo` })
    await harness.waitForEvent(id, isType('open'))
    harness.manager.disconnect(id, 4000, 'done here')
    expect(await harness.waitForEvent(id, isType('close'))).toMatchObject({
      code: 4000,
      reason: 'done here',
      clean: true,
    })
    expect((await harness.waitForState(id, 'closed')).state).toBe('closed')
  })

  it('refuses close codes RFC 6455 reserves', () => {
    const id = connect({ url: `${wsBase}/ws/echo` })
    expect(() => harness.manager.disconnect(id, 1005)).toThrow(
      'Close code 1005 cannot be sent: it is reserved by RFC 6455',
    )
    expect(() => harness.manager.disconnect(id, 2500)).toThrow(
      'RFC 6455 allows 1000–1014 (except 1004–1006) and 3000–4999',
    )
    expect(() => harness.manager.disconnect(id, 4000, 'x'.repeat(124))).toThrow('at most 123 fit')
  })

  it('reports the server’s close code and reason', async () => {
    const id = connect({ url: `${wsBase}/ws/echo?closeAfter=0&code=4001&reason=bye` })
    const close = await harness.waitForEvent(id, isType('close'))
    expect(close).toMatchObject({ code: 4001, reason: 'bye', clean: true })
    // How long it was open: from its open event to its close.
    const open = harness.of(id).find(isType('open'))!
    expect(await harness.waitForState(id, 'closed')).toMatchObject({
      openedAt: open.ts,
      closedAt: close.ts,
    })
  })

  it('reports a non-101 answer with its status and the start of its body', async () => {
    servers.push(
      await startHttpTestServer((_request, response) => {
        response.writeHead(401, {
          'WWW-Authenticate': 'Bearer',
          'Content-Type': 'application/json',
        })
        response.end('{"error":"token expired"}')
      }),
    )
    const id = connect({ url: servers[0]!.url.replace('http:', 'ws:') })
    const error = await harness.waitForEvent(id, isType('error'))
    expect(error).toMatchObject({
      code: 'HANDSHAKE_REJECTED',
      message:
        'The server answered 401 Unauthorized instead of switching protocols: {"error":"token expired"}',
    })
    // The whole answer, for the Handshake tab: what was sent, the status, headers and body.
    expect(error.type === 'error' && error.handshake).toMatchObject({
      status: 401,
      statusText: 'Unauthorized',
      body: '{"error":"token expired"}',
      bodyTruncated: false,
      responseHeaders: expect.arrayContaining([{ name: 'WWW-Authenticate', value: 'Bearer' }]),
      requestHeaders: expect.arrayContaining([
        expect.objectContaining({ name: 'Sec-WebSocket-Version' }),
      ]),
    })
    expect(await harness.waitForState(id, 'closed')).toMatchObject({
      error: { code: 'HANDSHAKE_REJECTED' },
      handshake: { status: 401, body: '{"error":"token expired"}' },
    })
  })

  it('keeps the first 64 KiB of a refusal’s body, and says there was more', async () => {
    servers.push(
      await startHttpTestServer((_request, response) => {
        response.writeHead(403, { 'Content-Type': 'text/html' })
        response.end(`<p>${'x'.repeat(100_000)}</p>`)
      }),
    )
    const id = connect({ url: servers[0]!.url.replace('http:', 'ws:') })
    const error = await harness.waitForEvent(id, isType('error'))
    const handshake = error.type === 'error' ? error.handshake : undefined
    expect(handshake?.body).toHaveLength(64 * 1024)
    expect(handshake?.bodyTruncated).toBe(true)
    // The sentence quotes the start, on one line.
    expect(error.type === 'error' && error.message.length).toBeLessThan(700)
  })

  it('spots a silent peer with the heartbeat and drops it', async () => {
    servers.push(await startWsTestServer(() => {}, { ws: { autoPong: false } }))
    const id = connect({
      url: servers[0]!.url,
      ws: { autoPing: { intervalMs: 100, timeoutMs: 200 } },
    })
    const error = await harness.waitForEvent(id, isType('error'))
    expect(error).toMatchObject({
      code: 'TIMEOUT',
      message: expect.stringContaining('No pong within 200 ms'),
    })
    expect(await harness.waitForEvent(id, isType('close'))).toMatchObject({
      code: 1006,
      clean: false,
    })
  })

  it('reconnects with exponential backoff, up to the maximum of attempts', async () => {
    const id = connect({
      url: `${wsBase}/ws/echo?terminateAfter=0`,
      ws: { reconnect: { enabled: true, maxAttempts: 3, initialDelayMs: 40, maxDelayMs: 1000 } },
    })
    await harness.waitForState(id, 'closed')
    await new Promise((resolve) => setTimeout(resolve, 400))
    const reconnects = harness.of(id).filter(isType('reconnecting'))
    expect(reconnects.map(({ attempt }) => attempt)).toEqual([1, 2, 3])
    // Full jitter keeps each wait between half and all of 40, 80, 160 ms.
    reconnects.forEach(({ delayMs }, i) => {
      expect(delayMs).toBeGreaterThanOrEqual((40 * 2 ** i) / 2)
      expect(delayMs).toBeLessThanOrEqual(40 * 2 ** i)
    })
    expect(harness.of(id).filter(isType('open'))).toHaveLength(4)
    expect(harness.manager.get(id).state).toBe('closed')
  })

  it('refuses a self-signed certificate by default and accepts it when told to', async () => {
    servers.push(await startWsTestServer(() => {}, { tls: true }))
    const url = servers[0]!.url
    const refused = connect({ url })
    const error = await harness.waitForEvent(refused, isType('error'))
    expect(error).toMatchObject({
      code: 'TLS_CERT_INVALID',
      message: expect.stringContaining('it is self-signed'),
    })
    // The advice is the app's, not Node's command-line flags.
    expect(error.type === 'error' && error.message).toContain('Verify TLS certificates')
    expect(error.type === 'error' && error.message).not.toMatch(/--use-|Node\.js/)
    harness.close()

    const insecure = connect({ url, tls: { rejectUnauthorized: false } })
    expect((await harness.waitForEvent(insecure, isType('open'))).handshake.status).toBe(101)
    harness.close()

    const trusted = connect({ url, tls: { ca: TLS_FIXTURE.cert } })
    expect((await harness.waitForEvent(trusted, isType('open'))).handshake.status).toBe(101)
  })

  it('tunnels through an HTTP CONNECT proxy', async () => {
    const proxy = await startConnectProxy()
    servers.push(proxy)
    const id = connect({ url: `${wsBase}/ws/echo`, proxy: proxy.url })
    await harness.waitForEvent(id, isType('open'))
    expect(proxy.tunnels).toEqual([`127.0.0.1:${demo.port}`])
  })

  it('follows a redirect during the handshake only when asked to', async () => {
    servers.push(
      await startHttpTestServer((_request, response) => {
        response.writeHead(302, { Location: `${demo.url}/ws/echo` })
        response.end()
      }),
    )
    const redirecting = servers[0]!.url.replace('http:', 'ws:')
    const refused = connect({ url: redirecting })
    expect(await harness.waitForEvent(refused, isType('error'))).toMatchObject({
      code: 'HANDSHAKE_REJECTED',
      message: expect.stringContaining('302'),
    })
    harness.close()
    const followed = connect({ url: redirecting, ws: { followRedirects: true } })
    expect((await harness.waitForEvent(followed, isType('open'))).handshake.url).toBe(
      `${wsBase}/ws/echo`,
    )
  })

  it('closes with 1009 when the server sends more than maxPayloadBytes', async () => {
    let serverSaw = 0
    servers.push(
      await startWsTestServer((socket) => {
        socket.on('close', (code) => (serverSaw = code))
        socket.send('z'.repeat(2000))
      }),
    )
    const id = connect({
      url: servers[0]!.url,
      ws: { maxPayloadBytes: 1000, perMessageDeflate: false },
    })
    expect(await harness.waitForEvent(id, isType('error'))).toMatchObject({
      code: 'MESSAGE_TOO_BIG',
      message: expect.stringContaining('closed the connection with 1009'),
    })
    await harness.waitForEvent(id, isType('close'))
    await vi.waitFor(() => expect(serverSaw).toBe(1009))
  })

  it('sends a message over 64 KiB to the view as a preview, and whole through getMessage', async () => {
    const id = connect({ url: `${wsBase}/ws/echo` })
    await harness.waitForEvent(id, isType('open'))
    const text = 'y'.repeat(100 * 1024)
    harness.manager.send(id, { kind: 'text', text })
    const echo = await harness.waitForEvent(
      id,
      (event) => event.type === 'message' && event.direction === 'in',
    )
    expect(echo).toMatchObject({ truncated: true, size: 100 * 1024 })
    expect((echo as { data: string }).data).toHaveLength(8 * 1024)
    expect(harness.manager.getMessage(id, echo.seq).data).toBe(text)
  })

  it('refuses to send on a connection that is not open, and says why', async () => {
    const id = connect({ url: `${wsBase}/ws/echo?closeAfter=0` })
    await harness.waitForState(id, 'closed')
    expect(() => harness.manager.send(id, { kind: 'text', text: 'late' })).toThrow(
      expect.objectContaining({
        code: 'NOT_OPEN',
        message: 'The connection is not open (it is closed); connect first',
      }),
    )
  })
})
