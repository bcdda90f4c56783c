import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startDemoServer, type DemoServer } from '../../../embedded-server/index.ts'
import { closeOf, connectWs, refusedUpgradeStatus } from '../../support/ws-client.ts'

let server: DemoServer
let wsUrl: string

beforeAll(async () => {
  server = await startDemoServer({ port: 0 })
  wsUrl = server.url.replace('http:', 'ws:')
})

afterAll(() => server.close())

describe('/ws/echo', () => {
  it('echoes text as text and binary as binary, byte for byte', async () => {
    const { socket, frames } = await connectWs(`${wsUrl}/ws/echo`)
    const bytes = randomBytes(70_000)
    socket.send('héllo ✓')
    socket.send(bytes)
    await vi.waitFor(() => expect(frames).toHaveLength(2))
    socket.close()
    expect(frames[0]).toEqual({ data: Buffer.from('héllo ✓'), isBinary: false })
    expect(frames[1]!.isBinary).toBe(true)
    expect(frames[1]!.data.equals(bytes)).toBe(true)
  })

  it('negotiates the client’s first offered protocol that it knows', async () => {
    const { socket } = await connectWs(`${wsUrl}/ws/echo`, ['mqtt', 'json.v2', 'chat.v1'])
    expect(socket.protocol).toBe('json.v2')
    socket.close()
  })

  it('negotiates permessage-deflate when the client offers it', async () => {
    const { socket, frames } = await connectWs(`${wsUrl}/ws/echo`, [], { perMessageDeflate: true })
    expect(socket.extensions).toContain('permessage-deflate')
    socket.send('x'.repeat(5_000))
    await vi.waitFor(() => expect(frames).toHaveLength(1))
    expect(frames[0]!.data.toString()).toBe('x'.repeat(5_000))
    socket.close()
  })

  it('closes with the chosen code and reason after N messages', async () => {
    const { socket, frames } = await connectWs(`${wsUrl}/ws/echo?closeAfter=2&code=4001&reason=bye`)
    const closed = closeOf(socket)
    socket.send('one')
    socket.send('two')
    socket.send('three')
    expect(await closed).toEqual({ code: 4001, reason: 'bye' })
    expect(frames.map(({ data }) => data.toString())).toEqual(['one', 'two'])
  })

  it('drops the connection without a close frame after terminateAfter', async () => {
    const { socket } = await connectWs(`${wsUrl}/ws/echo?terminateAfter=1`)
    const closed = closeOf(socket)
    socket.send('only one')
    expect((await closed).code).toBe(1006)
  })

  it('answers a message over maxPayload with close code 1009', async () => {
    const { socket } = await connectWs(`${wsUrl}/ws/echo`)
    const closed = closeOf(socket)
    socket.send(Buffer.alloc(1024 * 1024 + 1))
    expect((await closed).code).toBe(1009)
  })

  it('pings every N seconds, with no payload, and keeps the connection open', async () => {
    const { socket } = await connectWs(`${wsUrl}/ws/echo?ping=1`)
    const openedAt = performance.now()
    const [first] = (await once(socket, 'ping')) as [Buffer]
    const [second] = (await once(socket, 'ping')) as [Buffer]
    // Two pings a second apart (timers may fire late, never early).
    expect(performance.now() - openedAt).toBeGreaterThanOrEqual(1_900)
    expect([first.length, second.length]).toEqual([0, 0])
    expect(socket.readyState).toBe(socket.OPEN)
    socket.close()
  })

  it('refuses a close code RFC 6455 reserves, before upgrading', async () => {
    expect(await refusedUpgradeStatus(`${wsUrl}/ws/echo?closeAfter=1&code=1005`)).toBe(400)
  })
})

describe('/ws/chat', () => {
  it('shows every client every message, with join and leave notices', async () => {
    const alice = await connectWs(`${wsUrl}/ws/chat?room=test-room`)
    const bob = await connectWs(`${wsUrl}/ws/chat?room=test-room`)
    const elsewhere = await connectWs(`${wsUrl}/ws/chat?room=other`)
    alice.socket.send('hi from alice')
    await vi.waitFor(() =>
      expect(bob.frames.map(({ data }) => data.toString())).toContain('hi from alice'),
    )
    bob.socket.close()
    await vi.waitFor(() =>
      expect(alice.frames.map(({ data }) => data.toString())).toEqual([
        JSON.stringify({ type: 'join', room: 'test-room', clients: 1 }),
        JSON.stringify({ type: 'join', room: 'test-room', clients: 2 }),
        'hi from alice',
        JSON.stringify({ type: 'leave', room: 'test-room', clients: 1 }),
      ]),
    )
    expect(elsewhere.frames.map(({ data }) => data.toString())).toEqual([
      JSON.stringify({ type: 'join', room: 'other', clients: 1 }),
    ])
    alice.socket.close()
    elsewhere.socket.close()
  })
})

describe('/ws/stream', () => {
  it('sends count text messages in sequence, then closes with 1000', async () => {
    const { socket, frames } = await connectWs(`${wsUrl}/ws/stream?count=5000&rate=0`)
    const closed = closeOf(socket)
    expect(await closed).toEqual({ code: 1000, reason: 'count reached' })
    const seqs = frames.map(({ data }) => (JSON.parse(data.toString()) as { seq: number }).seq)
    expect(seqs).toEqual(Array.from({ length: 5000 }, (_, i) => i + 1))
    expect(frames.every(({ data, isBinary }) => data.length === 64 && !isBinary)).toBe(true)
  })

  it('sends binary frames of the size asked for, sequence number first', async () => {
    const { socket, frames } = await connectWs(
      `${wsUrl}/ws/stream?count=3&rate=0&binary=1&size=100`,
    )
    await closeOf(socket)
    expect(
      frames.map(({ data, isBinary }) => [isBinary, data.length, data.readUInt32BE(0)]),
    ).toEqual([
      [true, 100, 1],
      [true, 100, 2],
      [true, 100, 3],
    ])
  })

  it('still sends every message in order when permessage-deflate is on', async () => {
    const { socket, frames } = await connectWs(
      `${wsUrl}/ws/stream?count=300&rate=0&size=2000`,
      [],
      { perMessageDeflate: true },
    )
    await closeOf(socket)
    const seqs = frames.map(({ data }) => (JSON.parse(data.toString()) as { seq: number }).seq)
    expect(seqs).toEqual(Array.from({ length: 300 }, (_, i) => i + 1))
  })

  it('paces messages at the rate asked for', async () => {
    const { socket, frames } = await connectWs(`${wsUrl}/ws/stream?rate=20&count=5`)
    await closeOf(socket)
    const times = frames.map(({ data }) => (JSON.parse(data.toString()) as { ts: number }).ts)
    // 5 messages at 20/s span about 200 ms: a lower bound is behaviour, not speed.
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(180)
  })
})

describe('the article’s /websocket', () => {
  it('sends {"id", "firstName"} counting from 0', async () => {
    const { socket, frames } = await connectWs(`${wsUrl}/websocket`)
    await vi.waitFor(() => expect(frames.length).toBeGreaterThanOrEqual(1), { timeout: 3_000 })
    socket.close()
    expect(JSON.parse(frames[0]!.data.toString())).toEqual({ id: 0, firstName: 'first-0' })
  })
})

describe('upgrades', () => {
  it('answers an unknown path with 404', async () => {
    expect(await refusedUpgradeStatus(`${wsUrl}/ws/nope`)).toBe(404)
  })

  it('answers a bad Host with 403', async () => {
    expect(
      await refusedUpgradeStatus(`${wsUrl}/ws/echo`, { headers: { Host: 'rebind.example' } }),
    ).toBe(403)
  })
})

describe('/ws/chat, crowded', () => {
  it('tells its members of a burst of joins in a few notices, not one per join', async () => {
    const first = await connectWs(`${wsUrl}/ws/chat?room=crowd`)
    const others = await Promise.all(
      Array.from({ length: 100 }, () => connectWs(`${wsUrl}/ws/chat?room=crowd`)),
    )
    const notices = () =>
      first.frames.map(({ data }) => JSON.parse(data.toString()) as { clients: number })
    await vi.waitFor(() => expect(notices().at(-1)?.clients).toBe(101))
    expect(notices().length).toBeLessThan(10)
    // Every message still reaches everyone, after the notices.
    first.socket.send('hello, crowd')
    await vi.waitFor(() =>
      expect(others.every(({ frames }) => frames.at(-1)?.data.toString() === 'hello, crowd')).toBe(
        true,
      ),
    )
    for (const { socket } of [first, ...others]) socket.close()
  })
})
