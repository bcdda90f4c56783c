import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ScenarioStep } from '#common/contract/index.ts'
import { variableTable } from '#common/templates/templates.ts'
import { startDemoServer, type DemoServer } from '../../../embedded-server/index.ts'
import { runScenarioHeadless } from '../../../main/scenarios/run-headless.ts'

let demo: DemoServer
let ws: string

beforeAll(async () => {
  demo = await startDemoServer({ port: 0 })
  ws = demo.url.replace('http:', 'ws:')
})
afterAll(() => demo.close())

const noVariables = variableTable([])
const run = (url: string, steps: ScenarioStep[], variables = noVariables) =>
  runScenarioHeadless({ url }, steps, { variables, connectTimeoutMs: 3000 })

describe('runScenario over the demo server', () => {
  it('passes a WebSocket scenario: sends, expectations, a capture, a repeat, a disconnect', async () => {
    const report = await run(
      `${ws}/ws/echo`,
      [
        { type: 'connect' },
        {
          type: 'send',
          mode: 'json',
          text: '{"type": "hello", "to": "{{name}}", "id": "{{uuid}}"}',
        },
        {
          type: 'expect',
          condition: { kind: 'json-equals', path: '$.type', value: '"hello"' },
          withinMs: 2000,
          capture: { variable: 'helloId', path: '$.id' },
        },
        { type: 'send', mode: 'text', text: 'again {{helloId}}' },
        {
          type: 'expect',
          condition: { kind: 'text-matches', pattern: '^again [0-9a-f-]{36}$' },
          withinMs: 2000,
        },
        { type: 'expect-none', condition: { kind: 'text-contains', text: 'nope' }, withinMs: 100 },
        {
          type: 'repeat',
          times: 3,
          steps: [
            { type: 'send', mode: 'text', text: 'round {{counter}}' },
            { type: 'expect', condition: { kind: 'text-contains', text: 'round' }, withinMs: 2000 },
          ],
        },
        { type: 'send', mode: 'hex', text: 'de ad be ef' },
        { type: 'expect', condition: { kind: 'binary-length', length: 4 }, withinMs: 2000 },
        { type: 'disconnect', code: 1000 },
      ],
      variableTable([{ scope: 'session', rows: [{ name: 'name', value: 'Ada', enabled: true }] }]),
    )
    expect(report.steps.filter((step) => step.status !== 'passed')).toEqual([])
    expect(report.passed).toBe(true)
    expect(report.captured.helloId).toMatch(/^[0-9a-f-]{36}$/)
    // Three rounds of two steps, each reported with its round, then the repeat itself.
    expect(report.steps.filter((step) => step.path.startsWith('7.')).map((s) => s.round)).toEqual([
      1, 1, 2, 2, 3, 3,
    ])
    expect(report.steps.find((step) => step.path === '3')?.seq).toEqual(expect.any(Number))
  })

  it('fails at the first unmet expectation, saying what it waited for, and skips the rest', async () => {
    const report = await run(`${ws}/ws/echo`, [
      { type: 'connect' },
      { type: 'send', mode: 'json', text: '{"type": "ping"}' },
      {
        type: 'expect',
        condition: { kind: 'json-equals', path: '$.type', value: 'pong' },
        withinMs: 300,
      },
      { type: 'send', mode: 'text', text: 'never sent' },
    ])
    expect(report.passed).toBe(false)
    expect(report.steps.map((step) => step.status)).toEqual([
      'passed',
      'passed',
      'failed',
      'skipped',
    ])
    expect(report.steps[2]!.detail).toBe('No message matched $.type = pong within 300 ms')
  })

  it('fails an expect-none when a matching message comes, pointing at it', async () => {
    const report = await run(`${ws}/ws/echo`, [
      { type: 'connect' },
      { type: 'send', mode: 'text', text: 'forbidden word' },
      {
        type: 'expect-none',
        condition: { kind: 'text-contains', text: 'forbidden' },
        withinMs: 1000,
      },
    ])
    expect(report.steps[2]).toMatchObject({
      status: 'failed',
      detail: 'A message matched text contains "forbidden"',
      seq: expect.any(Number),
    })
  })

  it('sees an SSE stream through to its end, and a close code', async () => {
    const sse = await run(`${demo.url}/sse/llm?prompt=hi&delay=1`, [
      { type: 'connect' },
      {
        type: 'expect',
        condition: { kind: 'json-exists', path: '$.choices[0].delta.content' },
        withinMs: 3000,
      },
      { type: 'expect', condition: { kind: 'text-contains', text: '[DONE]' }, withinMs: 5000 },
    ])
    expect(sse.passed).toBe(true)
    const closing = await run(`${ws}/ws/stream?rate=100&closeAfter=2&code=4000`, [
      { type: 'connect' },
      { type: 'expect', condition: { kind: 'close-code', code: 4000 }, withinMs: 3000 },
    ])
    expect(closing.passed).toBe(true)
  })

  it.each([
    [
      'an unknown variable',
      { type: 'send', mode: 'text', text: '{{nobody}}' } as const,
      'Step 2: {{nobody}} is not defined: no variable or earlier capture has that name',
    ],
    [
      'a pattern that does not parse',
      { type: 'expect', condition: { kind: 'text-matches', pattern: '(' }, withinMs: 10 } as const,
      'Step 2: /(/ is not a regular expression',
    ],
    [
      'a JSONPath that does not parse',
      { type: 'expect', condition: { kind: 'json-exists', path: '$.[' }, withinMs: 10 } as const,
      'Step 2:',
    ],
  ])('says which step holds %s', async (_case, step, detail) => {
    const report = await run(`${ws}/ws/echo`, [{ type: 'connect' }, step])
    expect(report.steps[1]).toMatchObject({ status: 'failed' })
    expect(report.steps[1]!.detail).toContain(detail)
  })

  it('fails the connect step of a server that refuses, with its sentence', async () => {
    const report = await run('ws://127.0.0.1:9/nothing', [
      { type: 'connect' },
      { type: 'disconnect' },
    ])
    expect(report.steps[0]!.status).toBe('failed')
    expect(report.steps[0]!.detail).toMatch(/refused|ECONNREFUSED/i)
    expect(report.steps[1]!.status).toBe('skipped')
  })
})
