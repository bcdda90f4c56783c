import { EventSource } from 'eventsource'
import { request } from 'node:http'
import { describe, expect, it, vi } from 'vitest'
import type { DemoServerEvent } from '#common/contract/index.ts'
import { DEMO_ENDPOINTS, startDemoServer } from '../../../embedded-server/index.ts'
import { closedForGood, collectEvents } from '../../support/sse-client.ts'
import { closeOf, connectWs, refusedUpgradeStatus } from '../../support/ws-client.ts'

function statusWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { headers: { Host: host } }, (response) => {
      response.resume()
      resolve(response.statusCode ?? 0)
    })
    outgoing.on('error', reject)
    outgoing.end()
  })
}

describe('startDemoServer', () => {
  it('lists every endpoint at / for people and at /api/endpoints for the app', async () => {
    const server = await startDemoServer({ port: 0 })
    const page = await (await fetch(server.url)).text()
    const json = (await (await fetch(`${server.url}/api/endpoints`)).json()) as {
      endpoints: { path: string }[]
    }
    await server.close()
    for (const endpoint of DEMO_ENDPOINTS) expect(page).toContain(endpoint.path)
    expect(json.endpoints.map((endpoint) => endpoint.path)).toEqual(
      DEMO_ENDPOINTS.map((endpoint) => endpoint.path),
    )
  })

  it('binds 127.0.0.1 by default and answers 403 to another Host', async () => {
    const server = await startDemoServer({ port: 0 })
    expect(server.host).toBe('127.0.0.1')
    expect(await statusWithHost(server.url, `rebind.example:${server.port}`)).toBe(403)
    expect(await statusWithHost(server.url, `localhost:${server.port}`)).toBe(200)
    await server.close()
  })

  it('sends CORS headers to localhost origins only', async () => {
    const server = await startDemoServer({ port: 0 })
    const local = await fetch(`${server.url}/api/endpoints`, {
      headers: { Origin: 'http://localhost:5173' },
    })
    const foreign = await fetch(`${server.url}/api/endpoints`, {
      headers: { Origin: 'https://evil.example' },
    })
    const preflight = await fetch(`${server.url}/sse/llm`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://127.0.0.1:3000',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    })
    await server.close()
    expect(local.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(local.headers.get('access-control-allow-credentials')).toBe('true')
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull()
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type')
  })

  it('answers 503 past its connection cap, for SSE and WebSocket alike', async () => {
    const server = await startDemoServer({ port: 0, maxClients: 2 })
    const sse = new EventSource(`${server.url}/sse/clock`)
    const ws = await connectWs(`${server.url.replace('http:', 'ws:')}/ws/echo`)
    await vi.waitFor(() => expect(server.status().totalClients).toBe(2))
    expect((await fetch(`${server.url}/sse/clock`)).status).toBe(503)
    expect(await refusedUpgradeStatus(`${server.url.replace('http:', 'ws:')}/ws/echo`)).toBe(503)
    sse.close()
    ws.socket.close()
    await server.close()
  })

  it('tells its listeners of clients coming and going, with counts per endpoint', async () => {
    const server = await startDemoServer({ port: 0 })
    const events: DemoServerEvent[] = []
    server.subscribe((event) => events.push(event))
    const { socket } = await connectWs(`${server.url.replace('http:', 'ws:')}/ws/echo`)
    await vi.waitFor(() => expect(server.status().clients).toEqual({ '/ws/echo': 1 }))
    socket.close()
    await vi.waitFor(() =>
      expect(events.map((event) => event.kind)).toEqual([
        'client-connected',
        'client-disconnected',
      ]),
    )
    expect(events[0]).toMatchObject({
      client: { endpoint: '/ws/echo', remoteAddress: '127.0.0.1' },
      status: { totalClients: 1 },
    })
    expect(events[1]).toMatchObject({ status: { totalClients: 0, clients: {} } })
    await server.close()
  })

  it('ends every client cleanly on close and resolves when all are gone', async () => {
    const server = await startDemoServer({ port: 0 })
    const ws = await connectWs(`${server.url.replace('http:', 'ws:')}/ws/feed`)
    const sse = new EventSource(`${server.url}/sse/feed`)
    collectEvents(sse)
    await vi.waitFor(() => expect(server.status().totalClients).toBe(2))
    const wsClosed = closeOf(ws.socket)
    await server.close()
    expect(await wsClosed).toEqual({ code: 1001, reason: 'The demo server is shutting down' })
    expect(server.status().totalClients).toBe(0)
    sse.close()
  })

  it('warns when bound to an address other machines can reach', async () => {
    const warnings: string[] = []
    const server = await startDemoServer({
      port: 0,
      host: '0.0.0.0',
      onWarning: (message) => warnings.push(message),
    })
    await server.close()
    expect(warnings).toEqual(['The demo server listens on 0.0.0.0: other machines can reach it.'])
  })

  it('survives a client that sends garbage instead of HTTP', async () => {
    const server = await startDemoServer({ port: 0 })
    const { connect } = await import('node:net')
    const garbage = connect(server.port, '127.0.0.1')
    let answer = ''
    garbage.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk))
    garbage.on('error', () => {})
    garbage.end('\x00\x01 not http at all\r\n\r\n')
    await new Promise((resolve) => garbage.on('close', resolve))
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request/)
    expect((await fetch(`${server.url}/api/endpoints`)).status).toBe(200)
    await server.close()
  })

  it('keeps serving an EventSource that reconnects after the stream ends', async () => {
    const server = await startDemoServer({ port: 0 })
    const source = new EventSource(
      `${server.url}/sse/stream?count=2&rate=0&ids=1&dropAfter=1&retry=10`,
    )
    const events = collectEvents(source)
    await closedForGood(source)
    await server.close()
    expect(events.map((event) => event.lastEventId)).toEqual(['1', '2'])
  })
})
