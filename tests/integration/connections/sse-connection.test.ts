import { EventSource } from 'eventsource'
import { gzipSync } from 'node:zlib'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ConnectionRequest } from '#common/contract/index.ts'
import { startDemoServer, type DemoServer } from '../../../embedded-server/index.ts'
import { ConnectionHarness, isType } from '../../support/connection-harness.ts'
import { collectEvents } from '../../support/sse-client.ts'
import { startHttpTestServer, TLS_FIXTURE, type TestServer } from '../../support/test-servers.ts'

let demo: DemoServer
let harness: ConnectionHarness
const servers: TestServer[] = []

beforeAll(async () => {
  demo = await startDemoServer({ port: 0, heartbeatMs: 50 })
})
afterAll(() => demo.close())
afterEach(async () => {
  harness.close()
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

function connect(
  request: ConnectionRequest,
  options?: ConstructorParameters<typeof ConnectionHarness>[0],
): string {
  harness = new ConnectionHarness(options)
  return harness.manager.connect(request).id
}

/** An event's data without what differs between two requests (timestamps, ids, padding). */
function stable(data: string): string {
  try {
    const { ts, pad, id, created, ...rest } = JSON.parse(data) as Record<string, unknown>
    return JSON.stringify(rest)
  } catch {
    return data
  }
}

/** What the view shows of SSE events: type, id, data. */

const sseEvents = (id: string) =>
  harness
    .messages(id)
    .filter((event) => event.kind === 'sse-event')
    .map(({ event, id: eventId, lastEventId, data }) => ({ event, id: eventId, lastEventId, data }))

describe('an SSE connection', () => {
  it('reports named events with their ids, and the last event id in the snapshot', async () => {
    const id = connect({
      url: `${demo.url}/sse/stream?count=3&rate=0&ids=1&event=tick,tock`,
      sse: { reconnect: false },
    })
    await harness.waitForState(id, 'closed')
    expect(sseEvents(id).map(({ event, id: eventId }) => `${event}#${eventId}`)).toEqual([
      'tick#1',
      'tock#2',
      'tick#3',
    ])
    expect(harness.manager.get(id).lastEventId).toBe('3')
  })

  it('names events without a type "message"', async () => {
    const id = connect({ url: `${demo.url}/sse/stream?count=1&rate=0`, sse: { reconnect: false } })
    await harness.waitForState(id, 'closed')
    expect(sseEvents(id)).toEqual([
      { event: 'message', id: undefined, data: expect.stringContaining('"seq":1') },
    ])
  })

  it('shows comment lines as rows of their own', async () => {
    const id = connect({ url: `${demo.url}/sse/feed` })
    const comment = await harness.waitForEvent(
      id,
      (event) => event.type === 'message' && event.kind === 'sse-comment',
    )
    expect(comment).toMatchObject({ direction: 'in', data: expect.stringMatching(/^heartbeat /) })
  })

  it('reports the open with status, headers and time', async () => {
    const id = connect({ url: `${demo.url}/sse/clock` })
    const open = await harness.waitForEvent(id, isType('open'))
    expect(open.handshake).toMatchObject({ status: 200, compression: null })
    expect(open.handshake.responseHeaders).toContainEqual({
      name: 'content-type',
      value: 'text/event-stream; charset=utf-8',
    })
    expect(open.handshake.requestHeaders).toContainEqual({
      name: 'Accept',
      value: 'text/event-stream',
    })
  })

  it('honours retry, resumes with Last-Event-ID after each drop, and stops for good at 204', async () => {
    const id = connect({ url: `${demo.url}/sse/stream?count=7&rate=0&ids=1&dropAfter=3&retry=60` })
    await harness.waitForEvent(
      id,
      (event) => event.type === 'close' && event.reason.includes('204'),
    )
    expect(sseEvents(id).map((event) => Number(event.id))).toEqual([1, 2, 3, 4, 5, 6, 7])
    const reconnects = harness.of(id).filter(isType('reconnecting'))
    expect(reconnects.map(({ delayMs, lastEventId }) => [delayMs, lastEventId])).toEqual([
      [60, '3'],
      [60, '6'],
      [60, '7'],
    ])
    expect(
      harness
        .messages(id)
        .filter((event) => event.kind === 'sse-retry')
        .map((event) => event.retry),
    ).toContain(60)
    expect(harness.manager.get(id)).toMatchObject({ state: 'closed', retryMs: 60, error: null })
  })

  it('sends the Last-Event-ID the user set before connecting', async () => {
    const id = connect({
      url: `${demo.url}/sse/stream?count=6&rate=0&ids=1`,
      sse: { lastEventId: '4', reconnect: false },
    })
    await harness.waitForState(id, 'closed')
    expect(sseEvents(id).map((event) => event.id)).toEqual(['5', '6'])
  })

  it('fails for good on a non-200 answer, with the status and the start of the body', async () => {
    const id = connect({ url: `${demo.url}/sse/clock?status=500` })
    const error = await harness.waitForEvent(id, isType('error'))
    expect(error).toMatchObject({
      code: 'HANDSHAKE_REJECTED',
      message: expect.stringContaining('500 Internal Server Error'),
    })
    expect(error.message).toContain('Injected fault: status 500')
    expect(error.type === 'error' && error.handshake).toMatchObject({
      status: 500,
      body: expect.stringContaining('Injected fault: status 500'),
      requestHeaders: expect.arrayContaining([
        expect.objectContaining({ name: expect.stringMatching(/^accept$/i) }),
      ]),
    })
    await harness.waitForState(id, 'closed')
    expect(harness.of(id).filter(isType('reconnecting'))).toEqual([])
  })

  it('fails for good on a Content-Type other than text/event-stream', async () => {
    const id = connect({ url: `${demo.url}/sse/clock?contentType=text/plain` })
    expect(await harness.waitForEvent(id, isType('error'))).toMatchObject({
      code: 'HANDSHAKE_REJECTED',
      message: expect.stringContaining('Content-Type text/plain'),
      handshake: {
        status: 200,
        responseHeaders: expect.arrayContaining([
          { name: 'content-type', value: expect.stringContaining('text/plain') },
        ]),
      },
    })
    expect((await harness.waitForState(id, 'closed')).handshake).toMatchObject({ status: 200 })
  })

  it('POSTs a body and streams the answer, as LLM APIs do', async () => {
    const id = connect({
      url: `${demo.url}/sse/llm?delay=0`,
      sse: { method: 'POST', body: JSON.stringify({ prompt: 'stream me' }), reconnect: false },
    })
    await harness.waitForState(id, 'closed')
    const data = sseEvents(id).map((event) => event.data)
    expect(data.at(-1)).toBe('[DONE]')
    const text = data
      .slice(0, -1)
      .map(
        (chunk) =>
          (JSON.parse(chunk!) as { choices: { delta: { content?: string } }[] }).choices[0]!.delta
            .content ?? '',
      )
      .join('')
    expect(text).toContain('You asked: "stream me"')
  })

  it('decodes a compressed stream and says the server compressed it', async () => {
    servers.push(
      await startHttpTestServer((_request, response) => {
        response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Content-Encoding': 'gzip' })
        response.end(gzipSync('data: squeezed\n\n'))
      }),
    )
    const id = connect({ url: servers[0]!.url, sse: { reconnect: false } })
    expect((await harness.waitForEvent(id, isType('open'))).handshake.compression).toBe('gzip')
    await harness.waitForState(id, 'closed')
    expect(sseEvents(id).map((event) => event.data)).toEqual(['squeezed'])
  })

  it('stops reading a line that never ends instead of buffering without bound', async () => {
    servers.push(
      await startHttpTestServer((_request, response) => {
        response.writeHead(200, { 'Content-Type': 'text/event-stream' })
        response.write(`data: ${'a'.repeat(200_000)}`)
      }),
    )
    const id = connect(
      { url: servers[0]!.url, sse: { reconnect: false } },
      { sseMaxBufferChars: 50_000 },
    )
    expect(await harness.waitForEvent(id, isType('error'))).toMatchObject({
      code: 'MESSAGE_TOO_BIG',
    })
    await harness.waitForState(id, 'closed')
  })

  it('gives up on a server that never sends headers, after the handshake timeout', async () => {
    servers.push(await startHttpTestServer(() => {}))
    const id = connect({ url: servers[0]!.url, handshakeTimeoutMs: 150, sse: { reconnect: false } })
    expect(await harness.waitForEvent(id, isType('error'))).toMatchObject({
      code: 'TIMEOUT',
      message: expect.stringContaining('no response headers within 150 ms'),
    })
  })

  it('refuses a self-signed certificate by default and accepts it when told to', async () => {
    servers.push(
      await startHttpTestServer(
        (_request, response) => {
          response.writeHead(200, { 'Content-Type': 'text/event-stream' })
          response.end('data: over tls\n\n')
        },
        { tls: true },
      ),
    )
    const refused = connect({ url: servers[0]!.url, sse: { reconnect: false } })
    const error = await harness.waitForEvent(refused, isType('error'))
    expect(error).toMatchObject({
      code: 'TLS_CERT_INVALID',
      message: expect.stringContaining('it is self-signed'),
    })
    // The advice is the app's, not Node's command-line flags.
    expect(error.type === 'error' && error.message).toContain('Verify TLS certificates')
    expect(error.type === 'error' && error.message).not.toMatch(/--use-|Node\.js/)
    harness.close()
    const insecure = connect({
      url: servers[0]!.url,
      tls: { rejectUnauthorized: false },
      sse: { reconnect: false },
    })
    await harness.waitForState(insecure, 'closed')
    expect(sseEvents(insecure).map((event) => event.data)).toEqual(['over tls'])
    harness.close()
    const trusted = connect({
      url: servers[0]!.url,
      tls: { ca: TLS_FIXTURE.cert },
      sse: { reconnect: false },
    })
    expect((await harness.waitForEvent(trusted, isType('open'))).handshake.status).toBe(200)
  })

  it('parses a body split at every byte exactly as the whole', async () => {
    const path = '/sse/stream?count=4&rate=0&ids=1&event=a,b&tricky=1'
    const whole = connect({ url: `${demo.url}${path}`, sse: { reconnect: false } })
    await harness.waitForState(whole, 'closed')
    const expected = sseEvents(whole)
    harness.close()
    const dripped = connect({ url: `${demo.url}${path}&slow=1`, sse: { reconnect: false } })
    await harness.waitForState(dripped, 'closed', 15_000)
    const comparable = (events: ReturnType<typeof sseEvents>) =>
      events.map((event) => ({ ...event, data: stable(event.data!) }))
    expect(comparable(sseEvents(dripped))).toEqual(comparable(expected))

    expect(expected).toHaveLength(5) // the tricky preamble's event, then four
  })

  it('refuses to send: SSE is one-way', () => {
    const id = connect({ url: `${demo.url}/sse/clock` })
    expect(() => harness.manager.send(id, { kind: 'text', text: 'x' })).toThrow(
      'Server-Sent Events are one-way',
    )
  })
})

describe('conformance with the eventsource package', () => {
  it.each([
    '/sse/stream?count=6&rate=0&ids=1&event=tick,message',
    '/sse/stream?count=5&rate=0&ids=1&tricky=1',
    '/sse/llm?delay=0&prompt=same',
  ])('sees the same events from %s', async (path) => {
    const id = connect({ url: `${demo.url}${path}`, sse: { reconnect: false } })
    await harness.waitForState(id, 'closed')
    const ours = sseEvents(id)

    const reference = new EventSource(`${demo.url}${path}`)
    const received = collectEvents(reference, [...new Set(ours.map((event) => event.event!))])
    await vi.waitFor(() => expect(received.length).toBeGreaterThanOrEqual(ours.length))
    reference.close()

    expect(
      received.slice(0, ours.length).map(({ type, data }) => ({ type, data: stable(data) })),
    ).toEqual(ours.map(({ event, data }) => ({ type: event, data: stable(data!) })))
  })
})

describe('browser-faithful mode', () => {
  it('shows only what an EventSource delivers: listened types, no comments, no retry', async () => {
    const id = connect({
      url: `${demo.url}/sse/stream?count=4&rate=0&ids=1&event=tick,tock&retry=5000`,
      sse: { mode: 'browser', eventNames: ['tick'] },
    })
    await harness.waitForEvent(id, (event) => event.type === 'message' && event.lastEventId === '3')
    harness.manager.disconnect(id)
    const kinds = new Set(harness.messages(id).map((event) => event.kind))
    expect(kinds).toEqual(new Set(['sse-event']))
    // A browser sees lastEventId, never which event carried the id field.
    expect(sseEvents(id).map((event) => `${event.event}#${event.lastEventId}#${event.id}`)).toEqual(
      ['tick#1#undefined', 'tick#3#undefined'],
    )
  })

  it('refuses methods other than GET, saying why', () => {
    harness = new ConnectionHarness()
    expect(() =>
      harness.manager.connect({
        url: `${demo.url}/sse/llm`,
        sse: { mode: 'browser', method: 'POST', body: '{}' },
      }),
    ).toThrow('Browser-faithful mode uses EventSource, which only sends GET, not POST')
  })
})
