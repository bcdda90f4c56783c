import type { IncomingMessage, ServerResponse } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import type { ConnectionEvent, ConnectionRequest } from '#common/contract/index.ts'
import { ConnectionHarness, isType } from '../../support/connection-harness.ts'
import { startHttpTestServer, type TestServer } from '../../support/test-servers.ts'

/**
 * The SSE client against the WHATWG processing model, case by case, from a local server that
 * writes exact bytes (cases after web-platform-tests' eventsource/ and the conformance runs that
 * found the bugs named here). Both modes run each parsing case: fetch + eventsource-parser, and the
 * `eventsource` package (browser-faithful), the reference peer.
 */

let harness: ConnectionHarness
let server: TestServer | null = null

afterEach(async () => {
  harness?.close()
  await server?.close()
  server = null
})

type Handler = (request: IncomingMessage, response: ServerResponse, attempt: number) => void

/** A server whose handler knows which request of the connection this is (1, 2, ...). */
async function serve(handler: Handler): Promise<{ url: string; requests: IncomingMessage[] }> {
  const requests: IncomingMessage[] = []
  const started = await startHttpTestServer((request, response) => {
    requests.push(request)
    handler(request, response, requests.length)
  })
  server = started
  return { url: `${started.url}/events`, requests }
}

function stream(response: ServerResponse, body: string | Buffer, end = true): void {
  response.writeHead(200, { 'Content-Type': 'text/event-stream' })
  if (end) response.end(body)
  else response.write(body)
}

const messages = (events: ConnectionEvent[]) =>
  events.flatMap((event) =>
    event.type === 'message' && event.kind === 'sse-event'
      ? [{ data: event.data, lastEventId: event.lastEventId ?? '' }]
      : [],
  )

async function eventsOf(
  body: string | Buffer,
  mode: 'fetch' | 'browser',
  count: number,
): Promise<{ data?: string; lastEventId: string }[]> {
  const { url } = await serve((_request, response) => stream(response, body, false))
  harness = new ConnectionHarness()
  const request: ConnectionRequest = { url, sse: { mode, reconnect: false } }
  const { id } = harness.manager.connect(request)
  await harness.waitForEvent(id, isType('open'))
  // The last case event is followed by a marker event, so "nothing more" is not a wait.
  await harness.waitForEvent(id, (event) => event.type === 'message' && event.data === 'END')
  harness.manager.disconnect(id)
  const got = messages(harness.of(id)).filter((event) => event.data !== 'END')
  expect(got.length).toBe(count)
  return got
}

const END = 'data: END\n\n'

describe.each(['fetch', 'browser'] as const)('parsing, in %s mode', (mode) => {
  it.each([
    [
      'LF, CR and CRLF line ends',
      'data: a\r\ndata: b\rdata: c\n\n',
      [{ data: 'a\nb\nc', lastEventId: '' }],
    ],
    ['one leading BOM stripped', '\uFEFFdata: x\n\n', [{ data: 'x', lastEventId: '' }]],
    // [spec] only one BOM is stripped: the second makes "\uFEFFdata" an unknown field.
    ['a second BOM kept', '\uFEFF\uFEFFdata: x\n\ndata: y\n\n', [{ data: 'y', lastEventId: '' }]],
    [
      'a space after the colon stripped once',
      'data:  two\n\n',
      [{ data: ' two', lastEventId: '' }],
    ],
    ['a field with no colon', 'data\n\n', [{ data: '', lastEventId: '' }]],
    ['comments ignored', ': hi\ndata: x\n:\n\n', [{ data: 'x', lastEventId: '' }]],
    ['no event without data', 'event: e\n\ndata: x\n\n', [{ data: 'x', lastEventId: '' }]],
    [
      'the last event id persists across events without an id',
      'id: 1\ndata: a\n\ndata: b\n\nid\ndata: c\n\n',
      [
        { data: 'a', lastEventId: '1' },
        { data: 'b', lastEventId: '1' },
        { data: 'c', lastEventId: '' },
      ],
    ],
    [
      'an id with NUL ignored',
      'id: 1\ndata: a\n\nid: 2\u00003\ndata: b\n\n',
      [
        { data: 'a', lastEventId: '1' },
        { data: 'b', lastEventId: '1' },
      ],
    ],
    ['a non-ASCII id kept', 'id: café☕\ndata: a\n\n', [{ data: 'a', lastEventId: 'café☕' }]],
  ])('%s', async (_case, body, expected) => {
    expect(await eventsOf(`${body}${END}`, mode, expected.length)).toEqual(expected)
  })
})

describe('the fetch mode’s extra fields', () => {
  it('tells an event’s own id from the last event ID in force', async () => {
    const { url } = await serve((_request, response) =>
      stream(response, `id: 7\ndata: a\n\ndata: b\n\n${END}`, false),
    )
    harness = new ConnectionHarness()
    const { id } = harness.manager.connect({ url, sse: { reconnect: false } })
    await harness.waitForEvent(id, (event) => event.type === 'message' && event.data === 'END')
    harness.manager.disconnect(id)
    const events = harness.messages(id).filter((event) => event.kind === 'sse-event')
    expect(events.map(({ id: own, lastEventId }) => [own, lastEventId])).toEqual([
      ['7', '7'],
      [undefined, '7'],
      [undefined, '7'],
    ])
  })
})

describe('reconnection', () => {
  it('sends a non-ASCII Last-Event-ID as its UTF-8 bytes, and keeps reconnecting', async () => {
    const { url, requests } = await serve((_request, response, attempt) =>
      stream(
        response,
        attempt === 1 ? 'retry: 10\nid: café☕\ndata: a\n\n' : `data: ${attempt}\n\n`,
      ),
    )
    harness = new ConnectionHarness()
    const { id } = harness.manager.connect({ url })
    await harness.waitForEvent(id, (event) => event.type === 'message' && event.data === '3')
    harness.manager.disconnect(id)
    // Node reads header bytes as latin1: these are the bytes that arrived.
    const raw = requests[1]!.rawHeaders
    const sent = raw[raw.findIndex((name) => name.toLowerCase() === 'last-event-id') + 1]!
    expect(Buffer.from(sent, 'latin1').toString('utf8')).toBe('café☕')
    expect(harness.of(id).filter(isType('error'))).toEqual([])
  })

  it('sends Accept: text/event-stream and Cache-Control: no-cache, as fetch does for EventSource', async () => {
    const { url, requests } = await serve((_request, response) => stream(response, END))
    harness = new ConnectionHarness()
    const { id } = harness.manager.connect({ url, sse: { reconnect: false } })
    await harness.waitForState(id, 'closed')
    expect(requests[0]!.headers).toMatchObject({
      accept: 'text/event-stream',
      'cache-control': 'no-cache',
      pragma: 'no-cache',
    })
  })

  it('numbers connects and reconnects from the first connect', async () => {
    const { url } = await serve((_request, response) => stream(response, 'retry: 5\ndata: x\n\n'))
    harness = new ConnectionHarness()
    const { id } = harness.manager.connect({ url })
    await harness.waitForEvent(id, (event) => event.type === 'connecting' && event.attempt === 3)
    harness.manager.disconnect(id)
    const numbers = harness
      .of(id)
      .flatMap((event) =>
        event.type === 'connecting' || event.type === 'reconnecting'
          ? [`${event.type} ${event.attempt}`]
          : [],
      )
    expect(numbers.slice(0, 5)).toEqual([
      'connecting 1',
      'reconnecting 1',
      'connecting 2',
      'reconnecting 2',
      'connecting 3',
    ])
  })

  it('ends for good when disconnected as the stream ends, before the reconnect timer', async () => {
    const { url, requests } = await serve((_request, response) =>
      stream(response, 'retry: 200\ndata: last\n\n'),
    )
    harness = new ConnectionHarness()
    const { id } = harness.manager.connect({ url })
    // The moment `connect --max-messages 1` disconnects: the stream has ended, the retry waits.
    await harness.waitForEvent(id, (event) => event.type === 'reconnecting')
    harness.manager.disconnect(id)
    await harness.waitForEvent(
      id,
      (event) => event.type === 'close' && event.reason.startsWith('Closed by you'),
    )
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(requests).toHaveLength(1)
    expect(harness.manager.get(id).state).toBe('closed')
  })

  it('sends a POST again with the same body only when asked', async () => {
    const bodies: string[] = []
    const { url } = await serve((request, response) => {
      let body = ''
      request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk))
      request.on('end', () => {
        bodies.push(body)
        stream(response, 'retry: 5\ndata: x\n\n')
      })
    })
    harness = new ConnectionHarness()
    const once = harness.manager.connect({ url, sse: { method: 'POST', body: '{"p":1}' } })
    await harness.waitForState(once.id, 'closed')
    const again = harness.manager.connect({
      url,
      sse: { method: 'POST', body: '{"p":2}', reconnect: true },
    })
    await harness.waitForEvent(
      again.id,
      (event) => event.type === 'connecting' && event.attempt === 3,
    )
    harness.manager.disconnect(again.id)
    expect(bodies.slice(0, 3)).toEqual(['{"p":1}', '{"p":2}', '{"p":2}'])
  })
})
