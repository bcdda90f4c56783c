/**
 * Compare's cost on two logs of a million messages each, as the compare worker runs it: three
 * interleaved repetitions of each case beside a baseline from the same run (parsing every message
 * of both sides once, the least a JSON-aware comparison does). Prints one JSON line.
 */
import {
  compareLogs,
  DEFAULT_COMPARE_OPTIONS,
  type ComparedLog,
  type CompareOptions,
  type CompareSide,
} from '../../main/common/compare/index.ts'
import { createSideFeed } from '../../renderer/features/compare/compare-chunk.ts'
import { SideLog } from '../../renderer/features/compare/side-log.ts'
import { LogBuffer } from '../../renderer/features/message-log/log-buffer.ts'

const count = Number(process.argv[2] ?? 1_000_000)

/**
 * A feed-like log (seq, time, padding) as the worker holds it: a log buffer's rows sent in side
 * chunks, kept as blocks and read as compared.
 */
function log(shift: number, drop: number): CompareSide {
  const buffer = new LogBuffer(count)
  for (let from = 0; from < count; from += 10_000) {
    const rows = []
    for (let i = from; i < Math.min(count, from + 10_000); i++) {
      if (i === drop) continue
      const ts = 1_000 + i * 0.1 + shift
      const data = `{"seq":${i + 1},"ts":${ts},"pad":"xxxxxxxxxxxxxxxxxxxxxx"}`
      rows.push({
        type: 'message' as const,
        seq: i + 1,
        ts,
        direction: 'in' as const,
        kind: 'text' as const,
        size: data.length,
        data,
      })
    }
    buffer.append(rows)
  }
  const feed = createSideFeed(buffer, DEFAULT_COMPARE_OPTIONS)
  const messages = new SideLog()
  for (let chunk = feed.next(); chunk !== null; chunk = feed.next()) messages.add(chunk)
  return { messages, skipped: 0 }
}

const left = log(0, -1)
const right = log(0.4, count >> 1)
/** The first `n` messages of a side. */
const head = (side: CompareSide, n: number): CompareSide => {
  const all: ComparedLog = side.messages
  return {
    messages: { length: n, at: (i) => all.at(i), tsAt: (i) => all.tsAt(i) },
    skipped: 0,
  }
}

const CASES: [string, () => void][] = [
  [
    'baseline: JSON.parse of every message',
    () => {
      for (const { messages } of [left, right])
        for (let i = 0; i < messages.length; i++) JSON.parse(messages.at(i).data!)
    },
  ],
  ['position', () => compareLogs(left, right, DEFAULT_COMPARE_OPTIONS)],
  [
    'key $.seq',
    () =>
      compareLogs(left, right, {
        ...DEFAULT_COMPARE_OPTIONS,
        align: 'key',
        keyLeft: '$.seq',
        keyRight: '$.seq',
      }),
  ],
  [
    'position, ignore $.ts and $.pad',
    () =>
      compareLogs(left, right, {
        ...DEFAULT_COMPARE_OPTIONS,
        ignore: ['$.ts', '$.pad'],
      } satisfies CompareOptions),
  ],
  [
    'first look: key, the first 20,000 of each',
    () =>
      compareLogs(head(left, 20_000), head(right, 20_000), {
        ...DEFAULT_COMPARE_OPTIONS,
        align: 'key',
        keyLeft: '$.seq',
        keyRight: '$.seq',
      }),
  ],
]

const times = new Map<string, number[]>(CASES.map(([name]) => [name, []]))
for (let round = 0; round < 3; round++) {
  for (const [name, run] of CASES) {
    const started = performance.now()
    run()
    times.get(name)!.push(performance.now() - started)
  }
}
console.log(JSON.stringify({ count, cases: [...times].map(([name, ms]) => ({ name, ms })) }))
