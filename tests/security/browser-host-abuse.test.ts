import { readBatch } from '#common/batch/index.ts'
import { once } from 'node:events'
import { connect } from 'node:net'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { WebSocket } from 'ws'
import { createApiClient, createWebSocketTransport } from '#common/rpc/index.ts'
import { createAppApi, type AppApiHost } from '../../main/host/app-api.ts'
import { startBrowserHost, type BrowserHost } from '../../main/host/browser-host.ts'
import { openRpcSocket } from '../support/browser-host-client.ts'
import { rawHttp } from '../support/raw-http.ts'
import { createRendererFixture } from '../support/renderer-fixture.ts'
import { tempDir } from '../support/temp-dir.ts'

/** Hostile clients of browser mode's host: malformed RPC, huge calls, a client that never reads. */
let app: AppApiHost
let host: BrowserHost
const warnings: string[] = []

beforeEach(async () => {
  warnings.length = 0
  app = createAppApi({ shell: 'browser', dataDir: tempDir() })
  host = await startBrowserHost({
    api: app.api,
    events: app.events,
    rendererDir: await createRendererFixture(),
    limits: { maxQueuedBytes: 512 * 1024 },
    onWarning: (message) => warnings.push(message),
  })
})

afterEach(async () => {
  await host.close()
  await app.close()
})

/** Sends raw frames on /rpc and collects every reply, parsed. */
async function rawRpc(): Promise<{ socket: WebSocket; replies: Record<string, unknown>[] }> {
  const socket = await openRpcSocket(host)
  const replies: Record<string, unknown>[] = []
  socket.on('message', (data: Buffer) => {
    const reply = JSON.parse(data.toString()) as Record<string, unknown>
    if (reply.kind !== 'event') replies.push(reply)
  })
  return { socket, replies }
}

describe('malformed RPC messages', () => {
  it('answers each with INVALID_MESSAGE and keeps serving', async () => {
    const { socket, replies } = await rawRpc()
    const hostile: (string | Buffer)[] = [
      'not json',
      '[]',
      'null',
      '"a string"',
      '{"kind":"call","id":"1","method":"getAppInfo","args":[]}',
      '{"kind":"call","id":0,"method":"getAppInfo","args":[]}',
      '{"kind":"call","id":5,"method":"getAppInfo","args":"none"}',
      Buffer.from([1, 2, 3]),
      '['.repeat(100_000) + ']'.repeat(100_000),
    ]
    for (const message of hostile) socket.send(message)
    socket.send('{"kind":"call","id":7,"method":"getAppInfo","args":[]}')
    await vi.waitFor(() => expect(replies).toHaveLength(hostile.length + 1))
    for (const reply of replies.slice(0, -1)) {
      expect(reply).toMatchObject({ kind: 'throw', error: { code: 'INVALID_MESSAGE' } })
    }
    expect(replies.find((reply) => reply.id === 5)).toMatchObject({ kind: 'throw' })
    expect(replies.at(-1)).toMatchObject({ kind: 'return', id: 7 })
    socket.close()
  })

  it('answers a call with 100,000 levels of nested arguments with a clear error', async () => {
    const { socket, replies } = await rawRpc()
    const deep = '['.repeat(100_000) + ']'.repeat(100_000)
    socket.send(`{"kind":"call","id":3,"method":"saveWorkspace","args":[${deep}]}`)
    await vi.waitFor(() => expect(replies).toHaveLength(1))
    expect(replies[0]).toMatchObject({ id: 3, error: { code: 'INVALID_ARGUMENT' } })
    socket.close()
  })

  it('refuses a call over the documented size with MESSAGE_TOO_BIG, not INTERNAL', async () => {
    const { socket, replies } = await rawRpc()
    const text = 'x'.repeat(33 * 1024 * 1024)
    socket.send(
      JSON.stringify({ kind: 'call', id: 9, method: 'importSessions', args: [text, 'json'] }),
    )
    await vi.waitFor(() => expect(replies).toHaveLength(1), { timeout: 10_000 })
    expect(replies[0]).toMatchObject({
      id: 9,
      error: { code: 'MESSAGE_TOO_BIG', message: expect.stringContaining('importSessions()') },
    })
    socket.close()
  })
})

describe('a client that never reads', () => {
  it('is dropped once its unread backlog passes the limit, and the others go on', async () => {
    const idle = await openRpcSocket(host)
    // Stop reading: the kernel's buffers fill, then the host's queue for this client grows.
    idle.pause()
    const socket = await openRpcSocket(host)
    const api = createApiClient(createWebSocketTransport(socket), { timers: globalThis })
    api.on('messages', (bytes) => {
      const batch = readBatch(bytes)
      // Acks still in flight when the test closes the client are refused: expected here.
      api.ackMessages(batch.connectionId, batch.batch).catch(() => {})
    })
    const { url } = await api.startDemoServer({ port: 0 })
    await api.connect({ url: `${url.replace('http:', 'ws:')}/ws/stream?rate=0&size=1024` })
    await vi.waitFor(() => expect(warnings.join('\n')).toContain('Dropped an /rpc client'), {
      timeout: 15_000,
    })
    idle.resume()
    await once(idle, 'close')
    expect((await api.getAppInfo()).shell).toBe('browser')
    api.close()
    socket.close()
  })
})

describe('a client that never reads its down stream', () => {
  it('is dropped once its unread backlog passes the limit, and the others go on', async () => {
    const channel = crypto.randomUUID()
    const idle = await openRpcSocket(host, { channel })
    const idleClosed = once(idle, 'close')
    const down = connect(host.port, '127.0.0.1')
    down.write(
      `GET /rpc/down?token=${host.token}&channel=${channel} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n\r\n`,
    )
    await once(down, 'data')
    down.pause() // reads its headers, then nothing
    const socket = await openRpcSocket(host)
    const api = createApiClient(createWebSocketTransport(socket), { timers: globalThis })
    api.on('messages', (bytes) => {
      const batch = readBatch(bytes)
      // Acks still in flight when the test closes the client are refused: expected here.
      api.ackMessages(batch.connectionId, batch.batch).catch(() => {})
    })
    const before = warnings.length
    const { url } = await api.startDemoServer({ port: 0 })
    await api.connect({ url: `${url.replace('http:', 'ws:')}/ws/stream?rate=0&size=1024` })
    await vi.waitFor(
      () => expect(warnings.slice(before).join('\n')).toContain('Dropped an /rpc client'),
      { timeout: 15_000 },
    )
    await idleClosed // its socket goes with its stream
    expect((await api.getAppInfo()).shell).toBe('browser')
    down.destroy()
    api.close()
    socket.close()
  })
})

describe('Host headers', () => {
  it('answers a request with two Host headers 400, over HTTP and for /rpc', async () => {
    const twoHosts = `Host: 127.0.0.1:${host.port}\r\nHost: evil.example\r\n`
    expect(
      await rawHttp(host.port, `GET / HTTP/1.1\r\n${twoHosts}Connection: close\r\n\r\n`),
    ).toMatch(/^HTTP\/1\.1 400 /)
    expect(
      await rawHttp(
        host.port,
        `GET /rpc?token=${host.token} HTTP/1.1\r\n${twoHosts}Upgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Origin: http://127.0.0.1:${host.port}\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      ),
    ).toMatch(/^HTTP\/1\.1 400 /)
  })
})
