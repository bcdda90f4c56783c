/**
 * `npm run bench`: the firehose against its ceiling, the renderer in Chromium (and what drawing its
 * rows costs in three shapes, row-paint-probe.ts), and compare, each figure measured in this run
 * beside a baseline from this run (these machines are noisy). Every process is a child: the
 * generator, the clients, the host, the browser. Three interleaved repetitions where a figure has
 * a ceiling; min / median / max printed. Ends with the goals of the firehose work and where each
 * stands. Scratch data is removed at the end.
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { startBenchApp } from './bench-app.ts'
import { runCompareUiBench } from './compare-ui-bench.ts'
import { runDemoServerBench } from './demo-server-bench.ts'
import { runJournalBench } from './journal-bench.ts'
import {
  measureCeiling,
  measurePipeline,
  startGenerator,
  type FirehoseCase,
  type PipelineMeasure,
} from './firehose-bench.ts'
import {
  measureFirehoseUi,
  measureMemoryFlat,
  measureSearch,
  measureWireToPaint,
  measurePageCpu,
  type FirehoseUiResult,
  type PageCpuResult,
  type WireToPaintResult,
} from './renderer-bench.ts'
import { measureRowPaint, ROW_PAINT_MODES } from './row-paint-probe.ts'
import { removeScratch } from './scratch.ts'
import type { ClientResult } from './bench-clients.ts'

const here = import.meta.dirname
const scale = Number(process.env.BENCH_SCALE ?? 1)
const REPS = 3

const fmt = (value: number, digits = 0): string =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
const sorted = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b)
const median = (values: readonly number[]): number => sorted(values)[values.length >> 1]!
/** min / median / max */
const spread = (values: readonly number[], digits = 0): string =>
  [sorted(values)[0]!, median(values), sorted(values).at(-1)!]
    .map((v) => fmt(v, digits))
    .join(' / ')
const rate = (result: ClientResult): number => result.messages / result.seconds
/** The host's CPU time, every thread, per message it delivered, in µs. */
const cpuPerMessage = (result: PipelineMeasure): number =>
  (result.cpuSeconds * 1e6) / result.messages
/** Sequence numbers of 1…count the run's files did not give back. */
const readBackLost = (result: PipelineMeasure, count: number): number =>
  result.recorded === undefined ? count : (result.recordedLost ?? 0)

/** Prints a table: the first column left-aligned, the others right-aligned. */
function table(header: string[], rows: string[][]): void {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  )
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
  console.log(
    [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join(
      '\n',
    ),
  )
}

/** The goals, and where this run puts each. */
const goals: string[][] = []
function goal(name: string, figure: string, target: string, met: boolean): void {
  goals.push([name, figure, target, met ? 'met' : 'GAP'])
}

console.log(
  `Realtime Playground benchmark · Node ${process.versions.node} · ${availableParallelism()} CPUs · scale ${scale}`,
)
const generator = await startGenerator()
console.log(
  'Generator: pre-framed WebSocket and SSE in its own process (firehose-generator.ts), compression off.',
)

// --- The firehose in Node --------------------------------------------------------------------

const CASES: FirehoseCase[] = [
  { protocol: 'ws', size: 64, count: 2_000_000 * scale },
  { protocol: 'sse', size: 64, count: 2_000_000 * scale },
  { protocol: 'ws', size: 1024, count: 500_000 * scale },
  { protocol: 'sse', size: 1024, count: 500_000 * scale },
]
console.log(
  `\nThe firehose in Node: a bare client (the ceiling), a host that keeps nothing to a Node RPC client\n(lossless), then the app's own host, which journals every connection to disk, read back. ${REPS}\ninterleaved rounds; sequence numbers read back.`,
)
const runs = CASES.map(() => ({
  ceiling: [] as ClientResult[],
  piped: [] as PipelineMeasure[],
  recorded: [] as PipelineMeasure[],
}))
for (let rep = 0; rep < REPS; rep++) {
  for (const [i, benchCase] of CASES.entries()) {
    runs[i]!.ceiling.push(await measureCeiling(generator, benchCase))
    runs[i]!.piped.push(await measurePipeline(generator, benchCase, false))
    runs[i]!.recorded.push(await measurePipeline(generator, benchCase, true))
  }
}
table(
  [
    'case',
    'ceiling msg/s',
    'host → client msg/s',
    'ratio',
    'lost / skipped',
    'journaled msg/s',
    'journal ratio',
    'read back lost',
    'host CPU µs/msg',
    'host ELU',
    'host RSS',
  ],
  CASES.map((benchCase, i) => {
    const { ceiling, piped, recorded } = runs[i]!
    const ratios = piped.map((result, rep) => rate(result) / rate(ceiling[rep]!))
    const recRatios = recorded.map((result, rep) => rate(result) / rate(piped[rep]!))
    return [
      `${benchCase.protocol.toUpperCase()} ${benchCase.size} B × ${fmt(benchCase.count)}`,
      spread(ceiling.map(rate)),
      spread(piped.map(rate)),
      `${fmt(median(ratios) * 100)} %`,
      `${fmt(Math.max(...piped.map((r) => r.lost)))} / ${fmt(Math.max(...piped.map((r) => r.skipped)))}`,
      spread(recorded.map(rate)),
      `${fmt(median(recRatios) * 100)} %`,
      fmt(Math.max(...recorded.map((r) => readBackLost(r, benchCase.count)))),
      `${fmt(median(piped.map(cpuPerMessage)), 2)} / ${fmt(median(recorded.map(cpuPerMessage)), 2)}`,
      `${fmt(median(piped.map((r) => r.elu)) * 100)} %`,
      `${fmt(median(piped.map((r) => r.peakRssMB)))} MB`,
    ]
  }),
)
console.log(
  "ratio: host → client ÷ ceiling, each round against its own ceiling (median of rounds). journal ratio: journaled ÷ not.\nhost CPU: the host process's CPU time (every thread) per message, not journaled / journaled.\nlost: sequence numbers never read back (the client's, and the run's from its files); skipped rows are never lossless.",
)
{
  const ws = runs[0]!
  const ratio = median(ws.piped.map((result, rep) => rate(result) / rate(ws.ceiling[rep]!)))
  goal(
    'host → Node RPC client, WS 64 B',
    `${fmt(ratio * 100)} % of the ceiling`,
    '≥ 50 %',
    ratio >= 0.5,
  )
  const recRatio = median(ws.recorded.map((result, rep) => rate(result) / rate(ws.piped[rep]!)))
  const lostOnReadBack = Math.max(...ws.recorded.map((r) => readBackLost(r, CASES[0]!.count)))
  goal(
    'journaling every connection, WS 64 B',
    `costs ${fmt((1 - recRatio) * 100)} %, ${fmt(lostOnReadBack)} lost on read-back`,
    '≤ 20 %, 0 lost',
    recRatio >= 0.8 && lostOnReadBack === 0,
  )
}

// --- The journal at ten million rows ---------------------------------------------------------

const journalRows = 10_000_000 * scale
console.log(
  `\nThe journal at ${fmt(journalRows)} rows of 64 B, written by the host's writer, read through the API the view\nuses: a page of 500 rows at 200 random places, and a search of every row in the host ("seq":7, found\nall through). Baseline: the run's files read end to end.`,
)
const journal = await runJournalBench(journalRows)
table(
  ['figure', 'value', 'goal'],
  [
    [
      'on disk',
      `${fmt(journal.diskMB)} MB (${fmt((journal.diskMB * 1024 ** 2) / journalRows)} B a row)`,
      '',
    ],
    ['written in', `${fmt(journal.writeSeconds, 1)} s`, ''],
    ['files read end to end (baseline)', `${spread(journal.rawReadMs)} ms`, ''],
    [
      'jump anywhere: p50 / p95 / max',
      `${fmt(journal.jumpP50Ms, 1)} / ${fmt(journal.jumpP95Ms, 1)} / ${fmt(journal.jumpMaxMs, 1)} ms`,
      '≤ 100',
    ],
    ['search: first hits', `${spread(journal.firstHitsMs)} ms`, '≤ 100'],
    [
      'search: every row',
      `${spread(journal.searchMs)} ms (${fmt(median(journal.searchMs.map((ms, round) => ms / journal.rawReadMs[round]!)), 1)}× the baseline), ${fmt(journal.hits)} hits`,
      '≤ 1,000',
    ],
  ],
)
console.log(
  `${journal.searchMs.length} rounds, each a baseline read then a search; min / median / max.`,
)
{
  const firstHits = median(journal.firstHitsMs)
  const search = median(journal.searchMs)
  goal(
    `journal of ${fmt(journalRows)} rows: jump, first hits, whole search`,
    `${fmt(journal.jumpP95Ms, 1)} ms p95, ${fmt(firstHits)} ms, ${fmt(search)} ms (medians)`,
    '≤ 100, ≤ 100, ≤ 1,000 ms',
    journal.jumpP95Ms <= 100 && firstHits <= 100 && search <= 1000,
  )
}

// --- The renderer in Chromium ----------------------------------------------------------------

const uiCount = 1_000_000 * scale
console.log(
  `\nThe renderer in Chromium: ${fmt(uiCount)} WS messages of 64 B, lossless, as fast as they come, into one tab\nthrough the UI, clicking rows meanwhile; ${REPS} rounds, each beside a ceiling measured just before.`,
)
const app = await startBenchApp()
const ui: { result: FirehoseUiResult; ceiling: ClientResult }[] = []
const paint: WireToPaintResult[] = []
const uiCase: FirehoseCase = { protocol: 'ws', size: 64, count: uiCount }
for (let rep = 0; rep < REPS; rep++) {
  const ceiling = await measureCeiling(generator, uiCase)
  ui.push({ result: await measureFirehoseUi(app, generator.url(uiCase), uiCount, 64), ceiling })
  const paced: FirehoseCase = { protocol: 'ws', size: 64, count: 60_000 }
  paint.push(
    await measureWireToPaint(app, generator.url(paced, 10_000), () => generator.clockOffsetMs()),
  )
}
const searchCount = 2_000_000 * scale
const searched = await measureSearch(
  app,
  generator.url({ protocol: 'ws', size: 64, count: searchCount }),
  searchCount,
  '999,',
)
const memoryRows = 10_000_000 * scale
const memory = await measureMemoryFlat(
  app,
  (count) => generator.url({ protocol: 'ws', size: 64, count }),
  memoryRows,
)
const steadyRates = [10, 100, 1_000]
const steady: PageCpuResult[] = []
for (const paced of steadyRates)
  steady.push(
    await measurePageCpu(
      app,
      generator.url({ protocol: 'ws', size: 64, count: paced * 6 }, paced),
      4,
    ),
  )
const rowPaint = [
  ...(await measureRowPaint(app.browser, false)),
  ...(await measureRowPaint(app.browser, true)),
]
await app.close()
const uiRatios = ui.map(({ result, ceiling }) => result.rowsPerSecond / rate(ceiling))
const results = ui.map(({ result }) => result)
table(
  ['figure', 'min / median / max', 'goal'],
  [
    ['rows into the log, msg/s', spread(results.map((r) => r.rowsPerSecond)), ''],
    [
      '… of the ceiling',
      `${spread(
        uiRatios.map((r) => r * 100),
        1,
      )} %`,
      '≥ 20 %',
    ],
    [
      'lost / skipped (read back)',
      `${fmt(Math.max(...results.map((r) => r.lost)))} / ${fmt(Math.max(...results.map((r) => r.skipped)))}`,
      '0 / 0',
    ],
    [
      'p99 frame, ms',
      spread(
        results.map((r) => r.frameP99Ms),
        1,
      ),
      '≤ 20',
    ],
    [
      'frames over 20 ms, of all',
      results.map((r) => `${fmt(r.framesOver20Ms)} of ${fmt(r.frames)}`).join(', '),
      '',
    ],
    [
      "… the idle page's p99, ms",
      spread(
        results.map((r) => r.idleFrameP99Ms),
        1,
      ),
      '',
    ],
    ['long tasks > 50 ms', spread(results.map((r) => r.longTasks)), '0'],
    ['longest task, ms', spread(results.map((r) => r.longestTaskMs)), ''],
    ['click to paint, p95 ms', spread(results.map((r) => r.clickP95Ms)), '≤ 100'],
    [
      'memory per row beyond its 64 B',
      `${spread(
        results.map((r) => r.heapPerRowBytes - r.payloadBytes),
        1,
      )} B`,
      '≤ 32 B',
    ],
    [
      'jump anywhere, p95 ms',
      spread(
        results.map((r) => r.jumpP95Ms),
        1,
      ),
      '≤ 100',
    ],
    [
      'wire to paint at 10k msg/s, p50 ms',
      spread(
        paint.map((r) => r.p50Ms),
        1,
      ),
      '≤ 16.7',
    ],
    [
      'wire to paint at 10k msg/s, p99 ms',
      spread(
        paint.map((r) => r.p99Ms),
        1,
      ),
      '≤ 33',
    ],
  ],
)
const memoryChange = memory.atEndMB / memory.atTenthMB - 1
console.log(
  `The page's memory as one tab takes in ${fmt(memory.rows)} rows (100,000 held, the rest in the journal), in two\nstreams, each read once its rows are in: ${fmt(memory.atTenthMB, 1)} MB after the first ${fmt(memoryRows / 10)}, ${fmt(memory.atEndMB, 1)} MB after all (${memoryChange >= 0 ? '+' : ''}${fmt(memoryChange * 100, 1)} %).`,
)
goal(
  `renderer memory from ${fmt(memoryRows / 10)} to ${fmt(memoryRows)} rows in a tab`,
  `${memoryChange >= 0 ? '+' : ''}${fmt(memoryChange * 100, 1)} %`,
  '± 10 %',
  Math.abs(memoryChange) <= 0.1,
)
const reach = results.at(-1)!.reach
console.log(
  `Rows reachable: the list's top shows #${fmt(reach.top)} and its bottom #${fmt(reach.bottom)} of ${fmt(uiCount)} (scaled scroll bar past 307,692 rows).`,
)
goal(
  'rows into the renderer store, lossless',
  `${fmt(median(uiRatios) * 100, 1)} % of the ceiling, ${fmt(Math.max(...results.map((r) => r.lost + r.skipped)))} lost or skipped`,
  '≥ 20 %, 0 lost',
  median(uiRatios) >= 0.2 && results.every((r) => r.lost + r.skipped === 0),
)
goal(
  'p99 frame while streaming',
  `${fmt(median(results.map((r) => r.frameP99Ms)), 1)} ms`,
  '≤ 20 ms',
  median(results.map((r) => r.frameP99Ms)) <= 20,
)
goal(
  'long tasks > 50 ms while streaming',
  fmt(median(results.map((r) => r.longTasks))),
  '0',
  median(results.map((r) => r.longTasks)) === 0,
)
goal(
  'click repaints, p95',
  `${fmt(median(results.map((r) => r.clickP95Ms)))} ms`,
  '≤ 100 ms',
  median(results.map((r) => r.clickP95Ms)) <= 100,
)
goal(
  'wire to paint at 10k msg/s',
  `p50 ${fmt(median(paint.map((r) => r.p50Ms)), 1)} ms, p99 ${fmt(median(paint.map((r) => r.p99Ms)), 1)} ms`,
  'p50 ≤ 16.7, p99 ≤ 33',
  median(paint.map((r) => r.p50Ms)) <= 16.7 && median(paint.map((r) => r.p99Ms)) <= 33,
)
const perRow = median(results.map((r) => r.heapPerRowBytes - r.payloadBytes))
goal('memory per row beyond the payload', `${fmt(perRow, 1)} B`, '≤ 32 B', perRow <= 32)
goal(
  'every row reachable',
  `#${fmt(reach.top)} to #${fmt(reach.bottom)} of ${fmt(uiCount)}`,
  'all',
  reach.top === 1 && reach.bottom === uiCount,
)
const jump = median(results.map((r) => r.jumpP95Ms))
goal('jump anywhere', `${fmt(jump, 1)} ms p95`, '≤ 100 ms', jump <= 100)
console.log(
  `\nSearch: "${searched.query}" typed into a log of ${fmt(searched.rows)} rows, 3 times (${fmt(searched.matches)} matches); from the typing pause's end:`,
)
table(
  ['figure', 'min / median / max', 'goal'],
  [
    ['first hits on screen, ms', spread(searched.firstHitsMs), '≤ 100'],
    ['all done, ms', spread(searched.doneMs), '≤ 400'],
  ],
)
goal(
  `search over ${fmt(searched.rows)} rows`,
  `first hits ${fmt(median(searched.firstHitsMs))} ms, done ${fmt(median(searched.doneMs))} ms`,
  '≤ 100 ms, ≤ 400 ms',
  median(searched.firstHitsMs) <= 100 && median(searched.doneMs) <= 400,
)
console.log(
  `\nThe page's main thread while a paced stream of 64 B runs into a tab, 4 s of it, ms busy each second\n(its tasks' wall time), and the CPU of all Chromium's processes (Chromium's own counters; the idle page\nis the same page just before, its frame probe running):`,
)
table(
  ['msg/s', 'busy ms/s', 'idle ms/s', 'script', 'style + layout', "Chromium's CPU %", 'idle'],
  steady.map((result, i) => [
    fmt(steadyRates[i]!),
    fmt(result.busyMsPerSecond),
    fmt(result.idleMsPerSecond),
    fmt(result.scriptMsPerSecond),
    fmt(result.styleLayoutMsPerSecond),
    fmt(result.chromiumCpuPercent),
    fmt(result.idleChromiumCpuPercent),
  ]),
)
console.log(
  `\nThe log body's shape: 20 rows, every one new each frame (10,000 msg/s followed), drawn without the app\nas DOM rows with its row CSS, on a canvas by the page, on an OffscreenCanvas by a worker, or not at all;\n${REPS} interleaved rounds, min / median / max (see row-paint-probe.ts):`,
)
table(
  ['drawn as', 'machine', 'page thread ms/s', "Chromium's CPU %", 'p99 frame ms'],
  [false, true].flatMap((busyCore) =>
    ROW_PAINT_MODES.map((mode) => {
      const runs = rowPaint.filter((r) => r.mode === mode && r.busyCore === busyCore)
      return [
        mode,
        busyCore ? 'one core busy' : 'idle',
        spread(runs.map((r) => r.mainMsPerSecond)),
        spread(runs.map((r) => r.chromiumCpuPercent)),
        spread(
          runs.map((r) => r.frameP99Ms),
          1,
        ),
      ]
    }),
  ),
)
generator.close()

// --- The demo server -------------------------------------------------------------------------

console.log(
  '\nThe demo server in its own process: /ws/feed to 1,000 clients, then 10,000 idle clients.',
)
const demo = await runDemoServerBench()
table(
  ['figure', 'this run', 'goal'],
  [
    [
      `/ws/feed at ${fmt(demo.feed.rate)} msg/s to ${fmt(demo.feed.clients)} clients`,
      `${fmt(demo.feed.perSecond)} deliveries/s (${fmt((demo.feed.perSecond / (demo.feed.rate * demo.feed.clients)) * 100)} % of what it sent), ${fmt(demo.feed.lost)} lost`,
      '≥ 1,000,000/s',
    ],
    [
      `${fmt(demo.idle.clients)} idle clients`,
      `${fmt(demo.idle.bytesEach / 1024, 1)} KB each (the server's RSS)`,
      '≤ 10 KB',
    ],
  ],
)
goal(
  '/ws/feed across 1,000 clients',
  `${fmt(demo.feed.perSecond)} deliveries/s, ${fmt(demo.feed.lost)} lost`,
  '≥ 1 M/s',
  demo.feed.perSecond >= 1_000_000 && demo.feed.lost === 0,
)
goal(
  '10,000 idle clients',
  `${fmt(demo.idle.bytesEach / 1024, 1)} KB each`,
  '≤ 10 KB',
  demo.idle.bytesEach <= 10 * 1024,
)

// --- Compare ---------------------------------------------------------------------------------

console.log(
  '\nCompare, off the UI thread (as the compare worker runs it): two logs of a million feed messages,\nthe right one 0.4 ms later in every timestamp and one message short. Three interleaved rounds.',
)
const compareRun = spawn(
  process.execPath,
  ['--max-old-space-size=8000', join(here, 'compare-bench.ts'), String(1_000_000 * scale)],
  { stdio: ['ignore', 'pipe', 'inherit'] },
)
let compareOutput = ''
compareRun.stdout.setEncoding('utf8').on('data', (chunk: string) => (compareOutput += chunk))
await once(compareRun, 'exit')
const compared = JSON.parse(compareOutput) as { cases: { name: string; ms: number[] }[] }
const baseline = median(compared.cases[0]!.ms)
for (const { name, ms } of compared.cases) {
  console.log(
    `${name.padEnd(44)} ${spread(ms).padStart(20)} ms (min / median / max)  ×${fmt(median(ms) / baseline, 2)} the baseline`,
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
    `whole comparison shown   ${fmt(view.doneMs)} ms (the worker's job: ${fmt(view.workerMs)} ms from its first chunk)`,
    `the same, by key $.seq   ${fmt(view.key.doneMs)} ms from the key's Enter (the worker's job: ${fmt(view.key.workerMs)} ms)`,
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

console.log('\nThe firehose goals (issue "Firehose"), as this run measured them:')
table(['goal', 'this run', 'target', ''], goals)
await removeScratch()
