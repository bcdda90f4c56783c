/**
 * Compare's cost on two logs of a million messages each, as the compare worker runs it: three
 * interleaved repetitions of each case beside a baseline from the same run (parsing every message
 * of both sides once, the least a JSON-aware comparison does). Prints one JSON line.
 */
import {
  compareLogs,
  DEFAULT_COMPARE_OPTIONS,
  type ComparedMessage,
  type CompareOptions,
} from '../../main/common/compare/index.ts'

const count = Number(process.argv[2] ?? 1_000_000)

/** A feed-like log (seq, time, padding), flat strings as they arrive from a batch's JSON.parse. */
function log(shift: number, drop: number): ComparedMessage[] {
  const messages: ComparedMessage[] = []
  for (let i = 0; i < count; i++) {
    if (i === drop) continue
    const ts = 1_000 + i * 0.1 + shift
    const data = `{"seq":${i + 1},"ts":${ts},"pad":"xxxxxxxxxxxxxxxxxxxxxx"}`
    messages.push({ seq: i + 1, ts, direction: 'in', kind: 'text', size: data.length, data })
  }
  return JSON.parse(JSON.stringify(messages)) as ComparedMessage[]
}

const left = { messages: log(0, -1), skipped: 0 }
const right = { messages: log(0.4, count >> 1), skipped: 0 }
const head = (side: typeof left, n: number) => ({ messages: side.messages.slice(0, n), skipped: 0 })

const CASES: [string, () => void][] = [
  [
    'baseline: JSON.parse of every message',
    () => {
      for (const side of [left, right]) for (const m of side.messages) JSON.parse(m.data!)
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
