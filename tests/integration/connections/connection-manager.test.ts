import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { startDemoServer, type DemoServer } from '../../../embedded-server/index.ts'
import { ConnectionHarness, isType } from '../../support/connection-harness.ts'
import { startTcpTestServer, type TestServer } from '../../support/test-servers.ts'

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

describe('connect', () => {
  it.each([
    ['an empty URL', '', 'INVALID_URL', 'The URL is empty'],
    ['a URL without a scheme', 'localhost:8080/ws', 'INVALID_URL', 'has no scheme'],
    [
      'an unsupported scheme',
      'ftp://example.com/feed',
      'UNSUPPORTED_SCHEME',
      'ftp:// is not supported',
    ],
    ['a URL that does not parse', 'ws://exa mple.com', 'INVALID_URL', 'is not a valid URL'],
    [
      'a WebSocket URL with a fragment',
      'ws://localhost/x#top',
      'INVALID_URL',
      'cannot have a fragment',
    ],
  ])('refuses %s, saying what is wrong', (_case, url, code, message) => {
    harness = new ConnectionHarness()
    expect(() => harness.manager.connect({ url })).toThrow(
      expect.objectContaining({ code, message: expect.stringContaining(message) }),
    )
    expect(harness.manager.list()).toEqual([])
  })

  it('refuses a header name HTTP does not allow', () => {
    harness = new ConnectionHarness()
    expect(() =>
      harness.manager.connect({
        url: `${wsBase}/ws/echo`,
        headers: [{ name: 'Bad Name', value: 'x' }],
      }),
    ).toThrow('Header name "Bad Name" is not valid')
  })

  it('merges query parameters into the URL and speaks the protocol asked for', async () => {
    harness = new ConnectionHarness()
    const { id } = harness.manager.connect({
      url: `${demo.url}/ws/echo?a=1`,
      protocol: 'ws',
      query: [{ name: 'closeAfter', value: '0' }],
    })
    const connecting = await harness.waitForEvent(id, isType('connecting'))
    expect(connecting.url).toBe(`${wsBase}/ws/echo?a=1&closeAfter=0`)
    expect(await harness.waitForEvent(id, isType('close'))).toMatchObject({ code: 1000 })
  })

  it('reports a host that does not resolve as DNS_FAILED', async () => {
    harness = new ConnectionHarness()
    const { id } = harness.manager.connect({ url: 'ws://no-such-host.invalid/' })
    expect(await harness.waitForEvent(id, isType('error'))).toMatchObject({ code: 'DNS_FAILED' })
  })

  it('reports a refused connection as CONNECTION_REFUSED, for SSE too', async () => {
    const closed = await startTcpTestServer(() => {})
    const { port } = closed
    await closed.close()
    harness = new ConnectionHarness()
    const { id } = harness.manager.connect({
      url: `http://127.0.0.1:${port}/`,
      sse: { reconnect: false },
    })
    expect(await harness.waitForEvent(id, isType('error'))).toMatchObject({
      code: 'CONNECTION_REFUSED',
      message: `Nothing is listening at 127.0.0.1:${port} (connection refused)`,
    })
  })
})

describe('bad peers', () => {
  it('survives a server that answers garbage, and other connections carry on', async () => {
    const garbage = await startTcpTestServer((socket) =>
      socket.end('\x00\xffthis is not HTTP\r\n\r\n'),
    )
    servers.push(garbage)
    const { port } = garbage
    harness = new ConnectionHarness()
    const good = harness.manager.connect({ url: `${wsBase}/ws/echo` }).id
    const bad = harness.manager.connect({ url: `ws://127.0.0.1:${port}/` }).id
    const badSse = harness.manager.connect({
      url: `http://127.0.0.1:${port}/`,
      sse: { reconnect: false },
    }).id
    for (const id of [bad, badSse]) {
      expect(await harness.waitForEvent(id, isType('error'))).toMatchObject({
        code: 'PROTOCOL_ERROR',
        message: expect.stringContaining('does not speak HTTP'),
      })
    }
    await harness.waitForEvent(good, isType('open'))
    harness.manager.send(good, { kind: 'text', text: 'still here' })
    expect(
      await harness.waitForEvent(
        good,
        (event) => event.type === 'message' && event.direction === 'in',
      ),
    ).toMatchObject({
      data: 'still here',
    })
  })
})

describe('send', () => {
  it.each([
    [
      { kind: 'json', text: '{"a": }' },
      'Not valid JSON: Expected a value at line 1, column 7, found "}"',
    ],
    [{ kind: 'binary', encoding: 'hex', data: 'de ad bx' }, 'Not hex: "x" at position 8'],
    [{ kind: 'binary', encoding: 'hex', data: 'abc' }, 'odd count'],
    [{ kind: 'binary', encoding: 'base64', data: 'aG!k' }, 'Not base64: "!" at position 3'],
  ] as const)('refuses %o with INVALID_PAYLOAD and where', async (message, sentence) => {
    harness = new ConnectionHarness()
    const { id } = harness.manager.connect({ url: `${wsBase}/ws/echo` })
    await harness.waitForEvent(id, isType('open'))
    expect(() => harness.manager.send(id, message)).toThrow(
      expect.objectContaining({
        code: 'INVALID_PAYLOAD',
        message: expect.stringContaining(sentence),
      }),
    )
    expect(harness.manager.get(id).state).toBe('open')
  })

  it('refuses an unknown connection with NOT_FOUND', () => {
    harness = new ConnectionHarness()
    expect(() => harness.manager.send('c404', { kind: 'text', text: 'x' })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    )
  })
})

describe('batching and flow control', () => {
  const seqsOf = (events: { data?: string }[]) =>
    events.map((event) => (JSON.parse(event.data!) as { seq: number }).seq)
  const upTo = (count: number) => Array.from({ length: count }, (_, i) => i + 1)

  it('batches rows, never one per message', async () => {
    harness = new ConnectionHarness()
    const { id } = harness.manager.connect({
      url: `${wsBase}/ws/stream?rate=0&count=5000`,
      ws: { perMessageDeflate: false },
    })
    await harness.waitForState(id, 'closed')
    expect(seqsOf(harness.messages(id, 'in'))).toEqual(upTo(5000))
    expect(harness.batches.length).toBeLessThan(100)
  })

  it('lossless: a view that does not acknowledge throttles the server, and then gets every row', async () => {
    harness = new ConnectionHarness({ batching: { windowBytes: 256 * 1024 } })
    harness.autoAck = false
    const { id } = harness.manager.connect({
      url: `${wsBase}/ws/stream?rate=0&count=40000`,
      ws: { perMessageDeflate: false },
    })
    // The window fills, the socket is paused: rows stop coming while the server has more.
    await vi.waitFor(() => expect(harness.messages(id, 'in').length).toBeGreaterThan(0))
    let seen = -1
    await vi.waitFor(
      () => {
        const now = harness.messages(id, 'in').length
        const settled = now === seen
        seen = now
        expect(settled).toBe(true)
      },
      { interval: 200, timeout: 5_000 },
    )
    expect(seen).toBeLessThan(40000)
    expect(harness.manager.get(id).state).toBe('open')

    // Acknowledged as a view would: every row comes, in order, none skipped.
    harness.autoAck = true
    for (const batch of harness.batches) harness.manager.ack(id, batch.batch)
    await harness.waitForState(id, 'closed', 10_000)
    expect(seqsOf(harness.messages(id, 'in'))).toEqual(upTo(40000))
    expect(harness.manager.get(id).stats.skipped).toBe(0)
    expect(harness.batches.some((batch) => batch.throttled)).toBe(true)
  })

  it('sampling: skips rows while the view does not acknowledge, counts them, and says how many', async () => {
    harness = new ConnectionHarness({ batching: { windowBytes: 256 * 1024 } })
    harness.autoAck = false
    const { id } = harness.manager.connect({
      url: `${wsBase}/ws/stream?rate=0&count=40000`,
      ws: { perMessageDeflate: false },
      delivery: 'sampling',
    })
    await harness.waitForState(id, 'closed', 10_000)
    const delivered = harness.messages(id, 'in').length
    const snapshot = harness.manager.get(id)
    expect(snapshot.stats.messagesIn).toBe(40000)
    expect(snapshot.stats.skipped).toBe(40000 - delivered)
    expect(delivered).toBeLessThan(20000)
    // The lifecycle is never skipped.
    expect(harness.of(id).map((event) => event.type)).toContain('close')

    // The batches tell the view how many rows it missed, where they were.
    expect(harness.batches.reduce((sum, batch) => sum + batch.skipped, 0)).toBe(40000 - delivered)
  })
})
