import { EventSource } from 'eventsource'
import { createParser } from 'eventsource-parser'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startDemoServer, type DemoServer } from '../../../embedded-server/index.ts'
import { closedForGood, collectEvents } from '../../support/sse-client.ts'

let server: DemoServer
const connections: string[] = []

beforeAll(async () => {
  server = await startDemoServer({ port: 0, heartbeatMs: 100 })
  server.subscribe((event) => {
    if (event.kind === 'client-connected') connections.push(event.client.endpoint)
  })
})

afterAll(() => server.close())

const open = (path: string): EventSource => new EventSource(`${server.url}${path}`)

describe('/sse/clock', () => {
  it('sends the current time as an ISO string, at once and every second', async () => {
    const source = open('/sse/clock')
    const events = collectEvents(source)
    await vi.waitFor(() => expect(events.length).toBeGreaterThanOrEqual(2), { timeout: 3_000 })
    source.close()
    for (const { data } of events)
      expect(Math.abs(Date.parse(data) - Date.now())).toBeLessThan(5_000)
  })
})

describe('/sse/stream', () => {
  it('names events from a rotation of types and numbers them with ids', async () => {
    const source = open('/sse/stream?count=4&rate=0&event=tick,tock&ids=1')
    const events = collectEvents(source, ['tick', 'tock', 'message'])
    await vi.waitFor(() => expect(events).toHaveLength(4))
    source.close()
    expect(events.map(({ type, lastEventId }) => `${type}#${lastEventId}`)).toEqual([
      'tick#1',
      'tock#2',
      'tick#3',
      'tock#4',
    ])
    expect(events.map(({ data }) => (JSON.parse(data) as { seq: number }).seq)).toEqual([
      1, 2, 3, 4,
    ])
  })

  it('pads each payload to the size asked for', async () => {
    const source = open('/sse/stream?count=2&rate=0&size=1024')
    const events = collectEvents(source)
    await vi.waitFor(() => expect(events).toHaveLength(2))
    source.close()
    expect(events.map(({ data }) => data.length)).toEqual([1024, 1024])
  })

  it('resumes from Last-Event-ID with exactly the missed events, honours retry, and 204 ends it', async () => {
    const source = open('/sse/stream?count=10&rate=0&ids=1&dropAfter=3&retry=50')
    const events = collectEvents(source)
    await closedForGood(source)
    // Dropped after 3, 6 and 9; each reconnect resumes after the last id; the one after 10 gets 204.
    expect(events.map(({ lastEventId }) => Number(lastEventId))).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ])
  })

  it('waits the retry time the server sent before reconnecting', async () => {
    const source = open('/sse/stream?count=2&rate=0&ids=1&dropAfter=1&retry=400')
    const opens: number[] = []
    source.addEventListener('open', () => opens.push(performance.now()))
    await closedForGood(source)
    expect(opens).toHaveLength(2)
    // At least the server's retry, and well under the 3 s a client waits by default.
    expect(opens[1]! - opens[0]!).toBeGreaterThanOrEqual(390)
    expect(opens[1]! - opens[0]!).toBeLessThan(2_900)
  })

  it('refuses a parameter it cannot use with 400 and the reason', async () => {
    const response = await fetch(`${server.url}/sse/stream?rate=fast`)
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('rate must be a whole number')
  })
})

describe('fault parameters', () => {
  it('status=204 stops an EventSource from reconnecting', async () => {
    const before = connections.length
    const source = open('/sse/clock?status=204')
    await closedForGood(source)
    expect(source.readyState).toBe(EventSource.CLOSED)
    expect(connections.length).toBe(before) // never streamed
  })

  it('status=500 fails the EventSource for good', async () => {
    const source = open('/sse/clock?status=500')
    const errors: (number | undefined)[] = []
    source.addEventListener('error', (event) => errors.push(event.code))
    await closedForGood(source)
    expect(errors).toContain(500)
  })

  it('contentType=text/plain fails the EventSource for good', async () => {
    const source = open('/sse/clock?contentType=text/plain')
    await closedForGood(source)
    expect(source.readyState).toBe(EventSource.CLOSED)
  })

  it('tricky=1 still parses to exactly the plain events', async () => {
    const source = open('/sse/stream?count=3&rate=0&ids=1&tricky=1')
    const events = collectEvents(source, ['tricky', 'message'])
    await vi.waitFor(() => expect(events).toHaveLength(4))
    source.close()
    expect(events[0]).toEqual({
      type: 'tricky',
      data: 'first line\n\nthird line, after an empty one',
      lastEventId: '',
    })
    expect(events.slice(1).map(({ type, lastEventId }) => `${type}#${lastEventId}`)).toEqual([
      'message#1',
      'message#2',
      'message#3',
    ])
    expect(events.slice(1).map(({ data }) => (JSON.parse(data) as { seq: number }).seq)).toEqual([
      1, 2, 3,
    ])
  })

  it('slow=1 drips the stream one byte at a time and it still parses', async () => {
    const response = await fetch(`${server.url}/sse/stream?count=1&rate=0&size=20&slow=1`)
    const reader = response.body!.getReader()
    const chunkSizes: number[] = []
    const data: string[] = []
    const parser = createParser({ onEvent: (event) => data.push(event.data) })
    const decoder = new TextDecoder()
    while (data.length === 0) {
      const { value, done } = await reader.read()
      if (done) break
      chunkSizes.push(value.length)
      parser.feed(decoder.decode(value, { stream: true }))
    }
    await reader.cancel()
    expect((JSON.parse(data[0]!) as { seq: number }).seq).toBe(1)
    expect(Math.max(...chunkSizes)).toBe(1)
  })

  it('sends a heartbeat comment on an idle stream', async () => {
    const response = await fetch(`${server.url}/sse/feed`)
    const reader = response.body!.getReader()
    const comments: string[] = []
    const parser = createParser({ onComment: (comment) => comments.push(comment) })
    const decoder = new TextDecoder()
    while (comments.length === 0)
      parser.feed(decoder.decode((await reader.read()).value, { stream: true }))
    await reader.cancel()
    expect(comments[0]).toMatch(/^ ?heartbeat \d{4}-/)
  })
})

describe('/sse/llm', () => {
  it('streams a POSTed prompt as chat completion chunks ending in [DONE]', async () => {
    const source = new EventSource(`${server.url}/sse/llm?delay=0`, {
      fetch: (url, init) =>
        fetch(url, {
          ...init,
          method: 'POST',
          body: JSON.stringify({ prompt: 'ping?' }),
          headers: { ...init.headers, 'Content-Type': 'application/json' },
        }),
    })
    const events = collectEvents(source)
    await vi.waitFor(() => expect(events.at(-1)?.data).toBe('[DONE]'))
    source.close()
    const chunks = events.slice(0, -1).map(
      ({ data }) =>
        JSON.parse(data) as {
          object: string
          choices: { delta: { content?: string }; finish_reason: string | null }[]
        },
    )
    expect(new Set(chunks.map((chunk) => chunk.object))).toEqual(new Set(['chat.completion.chunk']))
    expect(chunks.map((chunk) => chunk.choices[0]!.delta.content ?? '').join('')).toContain(
      'You asked: "ping?"',
    )
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe('stop')
  })

  it('answers a body that is not JSON with 400 in the API’s error shape', async () => {
    const response = await fetch(`${server.url}/sse/llm`, { method: 'POST', body: '{"prompt":' })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error' } })
  })

  it('works with GET, for browsers', async () => {
    const source = open('/sse/llm?delay=0&prompt=hi')
    const events = collectEvents(source)
    await vi.waitFor(() => expect(events.at(-1)?.data).toBe('[DONE]'))
    source.close()
  })
})

describe('the article’s /stream', () => {
  it('sends `data: <date>` every second, as the article’s Koa endpoint did', async () => {
    const source = open('/stream')
    const events = collectEvents(source)
    await vi.waitFor(() => expect(events.length).toBeGreaterThanOrEqual(1), { timeout: 3_000 })
    source.close()
    expect(Number.isNaN(Date.parse(events[0]!.data))).toBe(false)
    expect(events[0]!.data).toMatch(/GMT/)
  })
})
