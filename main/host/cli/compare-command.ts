import { writeFile } from 'node:fs/promises'
import {
  buildReport,
  CompareError,
  compareLogs,
  DEFAULT_COMPARE_OPTIONS,
  formatReportText,
  renderReportHtml,
  sideOf,
  type AlignMode,
  type CompareOptions,
} from '#common/compare/index.ts'
import { parseCount, UsageError, type CliCommand } from './command.ts'
import { readCompareInput } from './compare-input.ts'

const ALIGN_MODES: readonly AlignMode[] = ['position', 'time', 'key']

export const compareCommand: CliCommand = {
  name: 'compare',
  summary: 'Compare two logs message by message; exit 1 when they differ (for CI)',
  help: `Usage: realtime-playground compare <left> <right> [options]

Compares two logs the project writes: connect --json output, a log export (NDJSON or JSON),
a session export (pick a run with --run) or a HAR file (pick an entry with --entry). Prints the
counts, timing, and the first differences as a diff.

Options:
  --align <mode>          position (n-th against n-th, default), time, or key
  --key <expr>            The key of both sides for --align key: $.id, $.data.orderId, @id (SSE id)
  --key-left <expr>       The left side's key, when the two differ
  --key-right <expr>      The right side's key
  --ignore <rule>         A path ($.ts, $..requestId) or a /regex/ whose differences do not count
                          (repeatable)
  --direction <in|out>    Compare only received (in) or sent (out) messages (default both)
  --tolerance <ms>        --align time: how far apart two arrivals may be to pair (default ${DEFAULT_COMPARE_OPTIONS.toleranceMs})
  --run <n>               The run of a session export (1 = its oldest); --run-left/--run-right per side
  --entry <n>             The WebSocket entry of a HAR file; --entry-left/--entry-right per side
  --max-diffs <n>         How many differences to print (default 20)
  --json                  Print the report as JSON (realtime-playground/compare-report, version 1)
  --html <file>           Also write the report as a self-contained HTML page
  -h, --help              Show this help

Exit code 0 when the logs match under the rules, 1 when they differ, 2 on bad input.`,
  options: {
    align: { type: 'string', default: 'position' },
    key: { type: 'string' },
    'key-left': { type: 'string' },
    'key-right': { type: 'string' },
    ignore: { type: 'string', multiple: true, default: [] },
    direction: { type: 'string' },
    tolerance: { type: 'string', default: String(DEFAULT_COMPARE_OPTIONS.toleranceMs) },
    run: { type: 'string' },
    'run-left': { type: 'string' },
    'run-right': { type: 'string' },
    entry: { type: 'string' },
    'entry-left': { type: 'string' },
    'entry-right': { type: 'string' },
    'max-diffs': { type: 'string', default: '20' },
    json: { type: 'boolean', default: false },
    html: { type: 'string' },
  },
  takesPositionals: true,
  async run(values, positionals, io) {
    if (positionals.length !== 2)
      throw new UsageError(`compare takes two logs, got ${positionals.length}`)
    const options = optionsFrom(values)
    const pick = (side: 'left' | 'right') => ({
      run: number(values[`run-${side}`] ?? values.run, `--run-${side}`),
      entry: number(values[`entry-${side}`] ?? values.entry, `--entry-${side}`),
    })
    // Read together; when both fail, the left one's sentence is told (not whichever came first).
    const [leftRead, rightRead] = await Promise.allSettled([
      readCompareInput(positionals[0]!, pick('left')),
      readCompareInput(positionals[1]!, pick('right')),
    ])
    if (leftRead.status === 'rejected') throw leftRead.reason
    if (rightRead.status === 'rejected') throw rightRead.reason
    const [leftInput, rightInput] = [leftRead.value, rightRead.value]
    const left = { ...sideOf(leftInput.rows, options), name: leftInput.name }
    const right = { ...sideOf(rightInput.rows, options), name: rightInput.name }
    let result
    try {
      result = compareLogs(left, right, options)
    } catch (error) {
      if (error instanceof CompareError) throw new UsageError(error.message)
      throw error
    }
    const report = buildReport(
      result,
      left,
      right,
      parseCount(values['max-diffs'], '--max-diffs', 0, 1_000_000),
    )
    io.stdout(values.json === true ? JSON.stringify(report, null, 2) : formatReportText(report))
    if (typeof values.html === 'string') await writeFile(values.html, renderReportHtml(report))
    return report.summary.identical ? 0 : 1
  },
}

function optionsFrom(values: Record<string, unknown>): CompareOptions {
  const align = String(values.align) as AlignMode
  if (!ALIGN_MODES.includes(align))
    throw new UsageError(
      `--align must be position, time or key, got ${JSON.stringify(values.align)}`,
    )
  const direction = values.direction
  if (direction !== undefined && direction !== 'in' && direction !== 'out')
    throw new UsageError(`--direction must be in or out, got ${JSON.stringify(direction)}`)
  const keyLeft = (values['key-left'] ?? values.key) as string | undefined
  const keyRight = (values['key-right'] ?? values.key) as string | undefined
  return {
    ...DEFAULT_COMPARE_OPTIONS,
    align,
    ...(keyLeft !== undefined ? { keyLeft } : {}),
    ...(keyRight !== undefined ? { keyRight } : {}),
    ignore: values.ignore as string[],
    directions: direction === undefined ? ['in', 'out'] : [direction],
    toleranceMs: parseCount(values.tolerance, '--tolerance', 0, 86_400_000),
  }
}

function number(value: unknown, flag: string): number | undefined {
  return value === undefined ? undefined : parseCount(value, flag, 1, 1_000_000)
}
