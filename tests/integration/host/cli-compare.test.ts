import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoServer, type DemoServer } from '../../../embedded-server/index.ts'
import { runCliProcess } from '../../support/run-cli-process.ts'
import { tempDir } from '../../support/temp-dir.ts'

/** `compare` as a CI step: logs recorded with `connect --json` from the real demo server. */
let demo: DemoServer
const dir = tempDir('rp-compare-')
const file = (name: string) => join(dir, name)

async function record(name: string, query: string): Promise<string> {
  const run = await runCliProcess([
    'connect',
    `${demo.url.replace('http:', 'ws:')}/ws/stream?rate=0&${query}`,
    '--json',
    '--no-stdin',
  ])
  expect(run.code).toBe(0)
  writeFileSync(file(name), run.stdout)
  return file(name)
}

/** The generator's timestamp, and the padding that keeps each message at the size asked for. */
const IGNORE = ['--ignore', '$.ts', '--ignore', '$.pad']

let golden: string
let build: string
let shorter: string

beforeAll(async () => {
  demo = await startDemoServer({ port: 0 })
  golden = await record('golden.ndjson', 'count=5')
  build = await record('build.ndjson', 'count=5')
  shorter = await record('shorter.ndjson', 'count=4')
})
afterAll(() => demo.close())

describe('realtime-playground compare', () => {
  it('exits 0 for a log against itself', async () => {
    const run = await runCliProcess(['compare', golden, golden])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('5 equal · 0 changed · 0 only left · 0 only right')
  })

  it('exits 1 when a timestamp differs, and 0 once it (and the padding it sizes) is ignored', async () => {
    const differ = await runCliProcess(['compare', golden, build])
    expect(differ.code).toBe(1)
    expect(differ.stdout).toContain('0 equal · 5 changed')
    expect(differ.stdout).toMatch(/~ \$\.ts: [\d.]+ → [\d.]+/)
    const same = await runCliProcess(['compare', golden, build, ...IGNORE])
    expect(same.code).toBe(0)
  })

  it('names a missing message, aligned by key', async () => {
    const run = await runCliProcess([
      'compare',
      golden,
      shorter,
      ...IGNORE,
      '--align',
      'key',
      '--key',
      '$.seq',
    ])
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('4 equal · 0 changed · 1 only left · 0 only right')
    expect(run.stdout).toMatch(/pair 5: only left\n- #\d+ \{"seq":5,/)
  })

  it('prints the report as JSON with --json and writes HTML with --html', async () => {
    const html = file('report.html')
    const run = await runCliProcess([
      'compare',
      golden,
      shorter,
      '--json',
      '--html',
      html,
      ...IGNORE,
    ])
    expect(run.code).toBe(1)
    const report = JSON.parse(run.stdout) as Record<string, unknown>
    expect(report).toMatchObject({
      format: 'realtime-playground/compare-report',
      version: 1,
      summary: { equal: 4, onlyLeft: 1, identical: false },
    })
    expect(existsSync(html)).toBe(true)
    expect(readFileSync(html, 'utf8')).toContain('<title>golden.ndjson ⇄ shorter.ndjson</title>')
  })

  it('reads a HAR entry with --entry', async () => {
    const har = join(import.meta.dirname, '../../fixtures/har/ws-echo.har')
    const run = await runCliProcess(['compare', har, har, '--entry', '1'])
    expect(run.code).toBe(0)
  })

  it.each([
    [['compare', 'missing.ndjson', 'also-missing.ndjson'], 'Cannot read missing.ndjson'],
    [['compare', '__file__', '__file__'], 'garbage.txt: The file is not a log'],
    [
      ['compare', '__golden__', '__golden__', '--align', 'key', '--key', 'seq'],
      'must start with $',
    ],
    [['compare', '__golden__'], 'compare takes two logs, got 1'],
    [
      ['compare', '__golden__', '__golden__', '--align', 'diagonal'],
      '--align must be position, time or key',
    ],
  ])('exits 2 with a sentence on bad input: %j', async (args, why) => {
    writeFileSync(file('garbage.txt'), 'this is not a log\n')
    const resolved = args.map((arg) =>
      arg === '__file__' ? file('garbage.txt') : arg === '__golden__' ? golden : arg,
    )
    const run = await runCliProcess(resolved)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(why)
  })
})
