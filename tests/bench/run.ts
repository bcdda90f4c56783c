/**
 * `npm run bench`: message throughput of a bare client and of the whole pipeline (connection
 * manager → RPC over the browser host's WebSocket → a counting client), measured in one run so the
 * ratio between them is fair on a noisy machine. Every process is a child: the demo server, the
 * bare client, the host and the pipeline client.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { ClientResult, PipelineResult } from './bench-clients.ts'
import { runCompareUiBench } from './compare-ui-bench.ts'
import { runRendererBench } from './renderer-bench.ts'

const here = import.meta.dirname
const scale = Number(process.env.BENCH_SCALE ?? 1)

interface Case {
  protocol: 'ws' | 'sse'
  size: number
  count: number
}

const CASES: Case[] = [
  { protocol: 'ws', size: 64, count: 600_000 * scale },
  { protocol: 'ws', size: 1024, count: 200_000 * scale },
  { protocol: 'sse', size: 64, count: 600_000 * scale },
  { protocol: 'sse', size: 1024, count: 200_000 * scale },
]

async function startDemoServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [join(here, '../../main/host/cli/main.ts'), 'serve', '--port', '0'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  for await (const line of createInterface({ input: child.stdout })) {
    const match = /^Demo server: (\S+)$/.exec(line)
    if (match) return { url: match[1]!, child }
  }
  throw new Error('The demo server did not start')
}

async function runChild<Result = ClientResult>(script: string, args: string[]): Promise<Result> {
  const child = spawn(process.execPath, [join(here, script), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let output = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
  await once(child, 'exit')
  return JSON.parse(output) as Result
}

function streamUrl(demoUrl: string, { protocol, size, count }: Case): string {
  const base = protocol === 'ws' ? demoUrl.replace('http:', 'ws:') : demoUrl
  return `${base}/${protocol}/stream?rate=0&size=${size}&count=${count}`
}

async function pipeline(
  demoUrl: string,
  benchCase: Case,
  record = false,
): Promise<PipelineResult & { elu: number; peakRssMB: number }> {
  const host = fork(join(here, 'host-process.ts'), {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  const [ready] = (await once(host, 'message')) as [{ port: number; token: string }]
  host.send('mark')
  await once(host, 'message')
  const result = await runChild<PipelineResult>('pipeline-client.ts', [
    String(ready.port),
    ready.token,
    streamUrl(demoUrl, benchCase),
    String(benchCase.count),
    ...(record ? ['record'] : []),
  ])
  host.send('stats')
  const [stats] = (await once(host, 'message')) as [{ elu: number; peakRssMB: number }]
  host.kill()
  return { ...result, ...stats }
}

const rate = (result: ClientResult): number => result.messages / result.seconds
const mbps = (result: ClientResult): number => result.bytes / result.seconds / 1e6
const fmt = (value: number, digits = 0): string =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })

const demo = await startDemoServer()
console.log(
  `Realtime Playground benchmark · Node ${process.versions.node} · ${availableParallelism()} CPUs · scale ${scale}`,
)
console.log(
  'Generator: the demo server (pre-framed WebSocket batches), in its own process; compression off.\n',
)
const header = [
  'case',
  'bare msg/s',
  'bare MB/s',
  'pipeline msg/s',
  'pipeline MB/s',
  'ratio',
  'delivered / skipped / lost',
  'host ELU',
  'host peak RSS',
  'recording msg/s',
  'rec ratio',
  'recorded (lag)',
]
const rows: string[][] = []
for (const benchCase of CASES) {
  const bare = await runChild('bare-client.ts', [
    benchCase.protocol,
    streamUrl(demo.url, benchCase),
    String(benchCase.count),
  ])
  const piped = await pipeline(demo.url, benchCase)
  const recorded = await pipeline(demo.url, benchCase, true)
  rows.push([
    `${benchCase.protocol.toUpperCase()} ${benchCase.size} B`,
    fmt(rate(bare)),
    fmt(mbps(bare), 1),
    fmt(rate(piped)),
    fmt(mbps(piped), 1),
    `${fmt((rate(piped) / rate(bare)) * 100)} %`,
    `${fmt(piped.messages)} / ${fmt(piped.skipped)} / ${fmt(piped.lost + bare.lost)}`,
    `${fmt(piped.elu * 100)} %`,
    `${fmt(piped.peakRssMB)} MB`,
    fmt(rate(recorded)),
    `${fmt((rate(recorded) / rate(piped)) * 100)} %`,
    `${fmt(recorded.recorded ?? 0)} (${fmt(recorded.recordLagSeconds ?? 0, 2)} s)`,
  ])
  console.log(rows.at(-1)!.join('  ·  '))
}
demo.child.kill()

const widths = header.map((title, column) =>
  Math.max(title.length, ...rows.map((row) => row[column]!.length)),
)
const line = (cells: string[]): string =>
  cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')
console.log(
  `\n${line(header)}\n${widths.map((width) => '-'.repeat(width)).join('  ')}\n${rows.map(line).join('\n')}`,
)
console.log(
  [
    '\nratio: pipeline msg/s ÷ bare msg/s, both measured above in this run. lost counts sequence gaps not reported as skipped.',
    'rec ratio: the pipeline with the connection recorded to SQLite ÷ without. recorded: messages the run',
    'holds once caught up (every one, skipped rows included), and how long after the last live row.',
  ].join('\n'),
)

console.log(
  '\nThe renderer in Chromium: /ws/stream at 50,000 msg/s for 10 s into one tab, driven through the UI',
)
const ui = await runRendererBench()
const percent = (part: number, whole: number): string => `${fmt((part / whole) * 100, 1)} %`
console.log(
  [
    `rows shown / sent        ${fmt(ui.shown)} / ${fmt(ui.sent)} (${percent(ui.shown, ui.sent)}; ${fmt(ui.skipped)} skipped, ${fmt(ui.sent - ui.received)} lost)`,
    `frames per second        ${fmt(ui.fpsAverage, 1)} average, ${fmt(ui.fpsWorstSecond)} in the worst second (of the display's 60)`,
    `longest main-thread task ${fmt(ui.longestTaskMs)} ms (Long Tasks API: 0 means none over 50 ms)`,
    `recording to SQLite      ${fmt(ui.recorded.shown)} / ${fmt(ui.sent)} rows shown (${percent(ui.recorded.shown, ui.sent)}), ${fmt(ui.recorded.fpsAverage, 1)} fps average, ${fmt(ui.recorded.fpsWorstSecond)} worst, longest task ${fmt(ui.recorded.longestTaskMs)} ms`,
    `heap after ${fmt(ui.rowsHeld)} rows ${fmt(ui.heapAfterMillionMB)} MB (${fmt((ui.heapAfterMillionMB * 1024 * 1024) / ui.rowsHeld)} B per row)`,
  ].join('\n'),
)

console.log(
  '\nCompare, off the UI thread (as the compare worker runs it): two logs of a million feed messages,',
)
console.log(
  'the right one 0.4 ms later in every timestamp and one message short. Three interleaved rounds.',
)
const compareRun = spawn(
  process.execPath,
  ['--max-old-space-size=8000', join(here, 'compare-bench.ts'), String(1_000_000 * scale)],
  { stdio: ['ignore', 'pipe', 'inherit'] },
)
let compareOutput = ''
compareRun.stdout.setEncoding('utf8').on('data', (chunk: string) => (compareOutput += chunk))
await once(compareRun, 'exit')
const compared = JSON.parse(compareOutput) as {
  count: number
  cases: { name: string; ms: number[] }[]
}
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1]!
const baseline = median(compared.cases[0]!.ms)
for (const { name, ms } of compared.cases) {
  const sorted = [...ms].sort((a, b) => a - b)
  console.log(
    `${name.padEnd(44)} ${sorted
      .map((value) => fmt(value))
      .join(' / ')
      .padStart(20)} ms (min / median / max)  ×${fmt(median(ms) / baseline, 2)} the baseline`,
  )
}

const compareMessages = 1_000_000 * scale
console.log(
  `\nThe compare view in Chromium: two log files of ${fmt(compareMessages)} messages opened through the UI`,
)
const view = await runCompareUiBench(compareMessages)
console.log(
  [
    `first pairs on screen    ${fmt(view.firstResultsMs)} ms after the second file is read in`,
    `whole comparison shown   ${fmt(view.doneMs)} ms (${fmt(view.workerMs)} ms of it in the worker)`,
    `longest main-thread task ${fmt(view.longestTaskMs)} ms meanwhile, ${fmt(view.longTasks)} over 50 ms`,
    ...(
      [
        ['a flick, 300 px a frame', view.flick],
        ['the scroll bar, 2,000 px', view.drag],
      ] as const
    ).map(
      ([name, frames]) =>
        `${name.padEnd(24)} ${fmt(frames.p50Ms, 1)} ms median frame, ${fmt(frames.p99Ms, 1)} ms p99 (×${fmt(frames.p99Ms / view.idleFrameP99Ms, 2)} the idle page's ${fmt(view.idleFrameP99Ms, 1)} ms); ${fmt(frames.over20Ms)} of ${fmt(frames.frames)} frames over 20 ms`,
    ),
  ].join('\n'),
)
