import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultDraft, type ScenarioStep } from '#common/contract/index.ts'
import { startDemoServer, type DemoServer } from '../../../embedded-server/index.ts'
import { openTestStores } from '../../support/session-db.ts'
import { runCliProcess } from '../../support/run-cli-process.ts'
import { tempDir } from '../../support/temp-dir.ts'
import { NO_ENCRYPTION } from '../../../main/sessions/secrets.ts'
import { VariableStore } from '../../../main/sessions/variable-store.ts'

/** `run` as a CI step: session exports with scenarios, against the real demo server. */
let demo: DemoServer
const dir = tempDir('rp-run-')

/** A session export file as the app writes it, with this URL and scenario. */
function exportFile(name: string, url: string, scenario: ScenarioStep[]): string {
  const draft = { ...defaultDraft(url), scenario }
  draft.variables = [{ name: 'greeting', value: 'hello', enabled: true }]
  const path = join(dir, `${name}.json`)
  writeFileSync(
    path,
    JSON.stringify({
      format: 'realtime-playground/session',
      version: 1,
      session: { name, draft, savedMessages: [] },
      runs: [],
    }),
  )
  return path
}

const echo = (expected: string): ScenarioStep[] => [
  { type: 'connect' },
  { type: 'send', mode: 'json', text: '{"say": "{{greeting}} {{who}}"}' },
  {
    type: 'expect',
    condition: { kind: 'json-equals', path: '$.say', value: expected },
    withinMs: 1000,
  },
  { type: 'disconnect' },
]

let passing: string

beforeAll(async () => {
  demo = await startDemoServer({ port: 0 })
  const ws = demo.url.replace('http:', 'ws:')
  passing = exportFile('echo holds', `${ws}/ws/echo`, echo('hello world'))
  exportFile('echo breaks', `${ws}/ws/echo`, echo('hello moon'))
})
afterAll(() => demo.close())

describe('realtime-playground run', () => {
  it('exits 0 when the scenario holds, printing each step', async () => {
    const run = await runCliProcess(['run', passing, '--var', 'who=world'])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('✓ 3 expect $.say = hello world within 1000 ms')
    expect(run.stdout).toMatch(/1 scenario: 1 passed, 0 failed; 4 steps in \d+\.\d s/)
  })

  it('exits 1 when an expectation fails, and writes JUnit XML a CI server reads', async () => {
    const output = join(dir, 'results.xml')
    const run = await runCliProcess([
      'run',
      dir,
      '--var',
      'who=world',
      '--reporter',
      'junit',
      '--output',
      output,
    ])
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/2 scenarios: 1 passed, 1 failed/)
    const xml = readFileSync(output, 'utf8')
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /)
    expect(xml).toContain(
      '<testsuite name="echo breaks" tests="4" failures="1" errors="0" skipped="1"',
    )
    expect(xml).toContain(
      '<failure message="No message matched $.say = hello moon within 1000 ms" type="expect">',
    )
    expect(xml).toContain('<testsuite name="echo holds" tests="4" failures="0"')
  })

  it('runs each scenario --iterations times, as JSON', async () => {
    const run = await runCliProcess([
      'run',
      passing,
      '--var',
      'who=world',
      '--reporter',
      'json',
      '--iterations',
      '2',
    ])
    expect(run.code).toBe(0)
    const reports = JSON.parse(run.stdout) as { name: string; report: { passed: boolean } }[]
    expect(reports.map((entry) => [entry.name, entry.report.passed])).toEqual([
      ['echo holds #1', true],
      ['echo holds #2', true],
    ])
  })

  it('takes variables from an environment of the app data', async () => {
    const dataDir = tempDir('rp-run-data-')
    const { sessions } = openTestStores(NO_ENCRYPTION, join(dataDir, 'sessions.sqlite'))
    new VariableStore(sessions, NO_ENCRYPTION).save({
      globals: [],
      environments: [
        { id: 'e1', name: 'staging', variables: [{ name: 'who', value: 'world', enabled: true }] },
      ],
      activeEnvironmentId: null,
    })
    sessions.db.close()
    const run = await runCliProcess(['run', passing, '--env', 'staging', '--data-dir', dataDir])
    expect(run.code).toBe(0)
    const unknown = await runCliProcess(['run', passing, '--env', 'prod', '--data-dir', dataDir])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('There is no environment "prod"')
  })

  it.each([
    [['run', '/nowhere/at/all.json'], '/nowhere/at/all.json does not exist'],
    [['run', '--reporter', 'tap', 'x.json'], '--reporter must be text, json or junit'],
    [['run', 'PASSING', '--var', 'novalue'], '--var takes name=value'],
  ])('exits 2 on bad input: %j', async (args, sentence) => {
    const run = await runCliProcess(args.map((arg) => (arg === 'PASSING' ? passing : arg)))
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(sentence)
  })

  it('exits 2 for a file that is not a session export, and for a session without a scenario', async () => {
    const notExport = join(dir, 'not-export.txt')
    writeFileSync(notExport, '{"hello": 1}')
    const bad = await runCliProcess(['run', notExport])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('is not a Realtime Playground session')
    const empty = join(tempDir('rp-run-empty-'), 'empty.json')
    writeFileSync(
      empty,
      JSON.stringify({
        format: 'realtime-playground/session',
        version: 1,
        session: { name: 'no steps', draft: defaultDraft('ws://127.0.0.1:9/'), savedMessages: [] },
        runs: [],
      }),
    )
    const none = await runCliProcess(['run', empty])
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('The session "no steps" has no scenario')
  })
})
