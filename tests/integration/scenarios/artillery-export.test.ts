import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultDraft, type ConnectionDraft, type ScenarioStep } from '#common/contract/index.ts'
import { exportArtillery } from '#common/scenario/artillery-export.ts'
import { variableTable } from '#common/templates/templates.ts'
import { startDemoServer, type DemoServer } from '../../../embedded-server/index.ts'
import { ensureArtillery, run } from '../../support/artillery.ts'
import { runCliProcess } from '../../support/run-cli-process.ts'
import { tempDir } from '../../support/temp-dir.ts'

/**
 * Exported scripts run by the pinned Artillery against the real demo server: a scenario that
 * holds exits 0, one whose expectation cannot hold exits non-zero with the app's sentence.
 */
let demo: DemoServer
let artillery: { bin: string } | { skip: string }

beforeAll(async () => {
  demo = await startDemoServer({ port: 0 })
  artillery = await ensureArtillery()
}, 660_000)
afterAll(() => demo.close())

const LOAD = { arrivalRate: 2, durationSeconds: 1 }

async function runArtillery(draft: ConnectionDraft, env: Record<string, string> = {}) {
  if ('skip' in artillery) throw new Error(artillery.skip)
  const dir = tempDir('rp-artillery-')
  const exported = exportArtillery(
    'demo scenario',
    draft,
    variableTable([
      { scope: 'session', rows: draft.variables },
      { scope: 'environment', rows: [{ name: 'token', value: '', enabled: true, secret: true }] },
    ]),
    LOAD,
  )
  writeFileSync(join(dir, exported.scriptName), exported.script)
  writeFileSync(join(dir, exported.processorName), exported.processor)
  return run(
    artillery.bin,
    ['run', exported.scriptName],
    { RP_TOKEN: 'secret-value', ...env },
    120_000,
    dir,
  )
}

const wsDraft = (expected: string): ConnectionDraft => ({
  ...defaultDraft(`${demo.url.replace('http:', 'ws:')}/ws/echo`),
  variables: [{ name: 'greeting', value: 'hello', enabled: true }],
  scenario: [
    { type: 'connect' },
    {
      type: 'send',
      mode: 'json',
      text: '{"say": "{{greeting}}", "n": {{counter}}, "key": "{{token}}"}',
    },
    {
      type: 'expect',
      condition: { kind: 'json-equals', path: '$.say', value: expected },
      withinMs: 2000,
      capture: { variable: 'said', path: '$.say' },
    },
    {
      type: 'repeat',
      times: 2,
      steps: [
        { type: 'send', mode: 'text', text: 'again {{said}}' },
        {
          type: 'expect',
          condition: { kind: 'text-contains', text: 'again hello' },
          withinMs: 2000,
        },
      ],
    },
    { type: 'send', mode: 'hex', text: 'de ad be ef' },
    { type: 'expect', condition: { kind: 'binary-length', length: 4 }, withinMs: 2000 },
    { type: 'expect-none', condition: { kind: 'text-contains', text: 'error' }, withinMs: 100 },
    { type: 'disconnect' },
  ] satisfies ScenarioStep[],
})

const sseDraft = (text: string): ConnectionDraft => {
  const draft = {
    ...defaultDraft(`${demo.url}/sse/llm?delay=1`),
    scenario: [
      { type: 'connect' },
      {
        type: 'expect',
        condition: { kind: 'json-exists', path: '$.choices[0].delta.content' },
        withinMs: 3000,
      },
      { type: 'expect', condition: { kind: 'text-contains', text }, withinMs: 3000 },
    ] satisfies ScenarioStep[],
  }
  draft.sse.method = 'POST'
  draft.sse.body = '{"prompt": "a haiku"}'
  return draft
}

describe('an exported Artillery test', () => {
  it('of a WebSocket scenario passes, and fails when its expectation cannot hold', async (context) => {
    if ('skip' in artillery) return context.skip(artillery.skip)
    const passing = await runArtillery(wsDraft('"hello"'))
    expect(passing.output).toContain('ok: realtime_playground.steps_failed == 0')
    expect(passing.code).toBe(0)
    const failing = await runArtillery(wsDraft('"goodbye"'))
    expect(failing.output).toContain('No message matched $.say = "goodbye" within 2000 ms')
    expect(failing.output).toContain('fail: realtime_playground.steps_failed == 0')
    expect(failing.code).not.toBe(0)
  }, 300_000)

  it('of an SSE scenario (over fetch) passes and fails the same way', async (context) => {
    if ('skip' in artillery) return context.skip(artillery.skip)
    const passing = await runArtillery(sseDraft('[DONE]'))
    expect(passing.output).toMatch(/sse\.events_received: \.+ \d+/)
    expect(passing.code).toBe(0)
    const failing = await runArtillery(sseDraft('[NEVER]'))
    expect(failing.output).toContain('No message matched text contains "[NEVER]" within 3000 ms')
    expect(failing.code).not.toBe(0)
  }, 300_000)

  it('is written by export-load from a session export', async () => {
    const dir = tempDir('rp-export-load-')
    const file = join(dir, 'echo.json')
    writeFileSync(
      file,
      JSON.stringify({
        format: 'realtime-playground/session',
        version: 1,
        session: { name: 'echo', draft: wsDraft('"hello"'), savedMessages: [] },
        runs: [],
      }),
    )
    const written = await runCliProcess([
      'export-load',
      file,
      '--out',
      dir,
      '--arrival-rate',
      '5',
      '--duration',
      '30',
      '--var',
      'token=x',
    ])
    expect(written.code).toBe(0)
    expect(written.stdout).toContain(join(dir, 'echo.artillery.yml'))
    const k6 = await runCliProcess(['export-load', file, '--format', 'k6', '--out', dir])
    expect(k6.stdout).toContain(join(dir, 'echo.k6.js'))
    const bad = await runCliProcess(['export-load', file, '--format', 'k7'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--format must be artillery or k6')
  })
})
