import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConnectionEvent } from '#common/contract/index.ts'
import { startDemoServer, type DemoServer } from '../../../embedded-server/index.ts'
import { runCliProcess } from '../../support/run-cli-process.ts'
import { startWsTestServer } from '../../support/test-servers.ts'

let demo: DemoServer
let ws: string

beforeAll(async () => {
  demo = await startDemoServer({ port: 0 })
  ws = demo.url.replace('http:', 'ws:')
})
afterAll(() => demo.close())

describe('realtime-playground connect', () => {
  it('sends --send messages and stdin lines on a WebSocket and prints the echoes', async () => {
    const run = await runCliProcess(
      ['connect', `${ws}/ws/echo`, '--send', 'first', '--max-messages', '2'],
      'from stdin\n',
    )
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/> first\n/)
    expect(run.stdout).toMatch(/< first\n/)
    expect(run.stdout).toMatch(/< from stdin\n/)
    expect(run.stdout).toMatch(/\* closed 1000\n$/)
  })

  it('prints one JSON event per line with --json, in the API’s vocabulary', async () => {
    const run = await runCliProcess([
      'connect',
      `${demo.url}/sse/stream?count=2&rate=0&ids=1&event=tick`,
      '--json',
      '--no-reconnect',
    ])
    expect(run.code).toBe(0)
    const events = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as ConnectionEvent)
    expect(events.map((event) => event.type)).toEqual([
      'connecting',
      'open',
      'message',
      'message',
      'close',
    ])
    expect(events[2]).toMatchObject({ kind: 'sse-event', event: 'tick', id: '1' })
  })

  it('POSTs a body to an SSE endpoint and stops when the stream ends', async () => {
    const run = await runCliProcess([
      'connect',
      `${demo.url}/sse/llm?delay=0`,
      '--data',
      '{"prompt":"cli"}',
    ])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('< [message] [DONE]')
    expect(run.stdout).toContain('"delta":{"content":" \\"cli\\"."}')
  })

  it('sends -H headers with the handshake', async () => {
    let header: string | string[] | undefined
    const server = await startWsTestServer((socket, request) => {
      header = request.headers['x-token']
      socket.close(1000)
    })
    const run = await runCliProcess(['connect', server.url, '-H', 'X-Token: s3cret'])
    await server.close()
    expect(run.code).toBe(0)
    expect(header).toBe('s3cret')
  })

  it('exits 1 with the error’s sentence when the connection fails', async () => {
    const run = await runCliProcess(['connect', 'ws://127.0.0.1:9/'])
    expect(run.code).toBe(1)
    expect(run.stderr.trim()).toBe(
      'CONNECTION_REFUSED: Nothing is listening at 127.0.0.1:9 (connection refused)',
    )
  })

  it('exits 0 on a clean close by the server and shows its code and reason', async () => {
    const run = await runCliProcess([
      'connect',
      `${ws}/ws/echo?closeAfter=0&code=4000&reason=later`,
    ])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/\* closed 4000 "later"\n$/)
  })

  it('closes once standard input has ended and its last line is answered, like websocat', async () => {
    const run = await runCliProcess(['connect', `${ws}/ws/echo`], 'hi\n')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/> hi\n.*< hi\n.*\* closed 1000\n$/s)
  })

  it('gives up waiting for an answer after --wait seconds', async () => {
    const server = await startWsTestServer(() => {})
    const run = await runCliProcess(['connect', server.url, '--wait', '0.2'], 'anyone?\n')
    await server.close()
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/> anyone\?\n.*\* closed 1000\n$/s)
  })

  it('ignores standard input with --no-stdin, and watches until --max-messages', async () => {
    const run = await runCliProcess([
      'connect',
      `${ws}/ws/stream?rate=50&count=100`,
      '--no-stdin',
      '--max-messages',
      '3',
    ])
    expect(run.code).toBe(0)
    expect(run.stdout.match(/^\S+ < \{"seq"/gm)).toHaveLength(3)
  })

  it('prints no more than --max-messages, however many one batch carries', async () => {
    const run = await runCliProcess([
      'connect',
      `${ws}/ws/stream?rate=0&count=5000`,
      '--no-stdin',
      '--max-messages',
      '3',
    ])
    expect(run.code).toBe(0)
    expect(run.stdout.match(/^\S+ < \{"seq"/gm)).toHaveLength(3)
  })

  it('exits when the --max-messages-th SSE event arrives with the end of the stream', async () => {
    const run = await runCliProcess([
      'connect',
      `${demo.url}/sse/stream?count=2&rate=0&retry=200`,
      '--max-messages',
      '2',
    ])
    expect(run.code).toBe(0)
    expect(run.stdout.match(/< \[message\]/g)).toHaveLength(2)
  })

  it('prints a large message whole with --full, and its preview without', async () => {
    const url = `${ws}/ws/stream?count=1&size=200000`
    const preview = await runCliProcess(['connect', url, '--no-stdin', '--json'])
    const whole = await runCliProcess(['connect', url, '--no-stdin', '--json', '--full'])
    const messageOf = (stdout: string) =>
      stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as ConnectionEvent)
        .find((event) => event.type === 'message')!
    expect(messageOf(preview.stdout)).toMatchObject({ truncated: true, size: 200_000 })
    const full = messageOf(whole.stdout)
    expect(full).not.toHaveProperty('truncated')
    expect(full.type === 'message' && full.data?.length).toBe(200_000)
  })

  it('explains usage mistakes with exit code 2', async () => {
    const run = await runCliProcess(['connect'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('connect needs a URL')
    const bad = await runCliProcess(['connect', 'ws://x', '-H', 'no colon'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain("-H takes 'Name: value'")
  })
})
