import { EventSource } from 'eventsource'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startDemoServer, type DemoServer } from '../../../embedded-server/index.ts'
import { collectEvents } from '../../support/sse-client.ts'
import { connectWs } from '../../support/ws-client.ts'

let server: DemoServer

beforeAll(async () => {
  server = await startDemoServer({ port: 0, feedRate: 200 })
})

afterAll(() => server.close())

describe('the shared feed', () => {
  it('delivers the same N sequence numbers, byte-identical and in order, over SSE and WebSocket', async () => {
    const ws = await connectWs(`${server.url.replace('http:', 'ws:')}/ws/feed`)
    const source = new EventSource(`${server.url}/sse/feed`)
    const sse = collectEvents(source)
    await vi.waitFor(() => {
      expect(sse.length).toBeGreaterThanOrEqual(60)
      expect(ws.frames.length).toBeGreaterThanOrEqual(60)
    })
    source.close()
    ws.socket.close()

    const wsTexts = ws.frames.map(({ data }) => data.toString())
    const sseTexts = sse.map(({ data }) => data)
    const seqOf = (text: string): number => (JSON.parse(text) as { seq: number }).seq
    // Each protocol's own sequence numbers are consecutive...
    for (const texts of [wsTexts, sseTexts]) {
      const seqs = texts.map(seqOf)
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => seqs[0]! + i))
    }
    // ...and where they overlap, the messages are the same bytes.
    const firstCommon = Math.max(seqOf(wsTexts[0]!), seqOf(sseTexts[0]!))
    const common = (texts: string[]) =>
      texts.filter((text) => seqOf(text) >= firstCommon).slice(0, 40)
    expect(common(sseTexts)).toHaveLength(40)
    expect(common(sseTexts)).toEqual(common(wsTexts))
    expect(sse.every(({ data, lastEventId }) => String(seqOf(data)) === lastEventId)).toBe(true)
  })

  it('replays missed messages to an SSE client that resumes with Last-Event-ID', async () => {
    const first = new EventSource(`${server.url}/sse/feed`)
    const seen = collectEvents(first)
    await vi.waitFor(() => expect(seen.length).toBeGreaterThanOrEqual(5))
    first.close()
    const lastId = seen.at(-1)!.lastEventId
    await new Promise((resolve) => setTimeout(resolve, 50)) // the feed moves on meanwhile

    const response = await fetch(`${server.url}/sse/feed`, { headers: { 'Last-Event-ID': lastId } })
    const reader = response.body!.getReader()
    const { value } = await reader.read()
    await reader.cancel()
    const firstReplayedId = /id: (\d+)/.exec(new TextDecoder().decode(value))![1]
    expect(Number(firstReplayedId)).toBe(Number(lastId) + 1)
  })
})
