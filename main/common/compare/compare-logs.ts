import { formatCount } from '../format/count.ts'
import type { ConnectionEvent } from '../contract/connections.ts'
import { alignByPosition, alignByTime, compileKey, STATUS_CODE } from './align.ts'
import {
  logOfMessages,
  type AlignedPairs,
  type ComparedLog,
  type ComparedMessage,
  type CompareOptions,
  type CompareSummary,
  type LatencyTiming,
  type SideTiming,
} from './compare-types.ts'
import { compileIgnoreRules, type IgnoreRules } from './ignore-rules.ts'
import { alignByKey, type KeyAlignment } from './key-alignment.ts'
import { pairEqual } from './message-equality.ts'
import { PathSyntaxError } from './json-path.ts'
import { latencyTiming, sideTiming } from './timing.ts'

/** Options that cannot be used (a key that does not parse, say): the sentence says why. */
export class CompareError extends Error {
  override readonly name = 'CompareError'
}

export interface CompareResult {
  options: CompareOptions
  pairs: AlignedPairs
  summary: CompareSummary
  timing: { left: SideTiming; right: SideTiming; latency: LatencyTiming | null }
  /** What the user should know about the result: skipped rows, keys that reached nothing... */
  warnings: string[]
}

/** A log's events as a comparison sees them: its messages past the filters, and skipped rows. */
export interface CompareSide {
  messages: ComparedLog
  /** Rows the live view skipped (not in `messages`, so they may show as missing). */
  skipped: number
}

/** The messages of `events` that the options compare; `skipped` markers are counted. */
export function sideOf(
  events: Iterable<ConnectionEvent | { type: 'skipped'; count: number }>,
  options: Pick<CompareOptions, 'directions' | 'kinds'>,
): CompareSide {
  const messages: ComparedMessage[] = []
  let skipped = 0
  for (const event of events) {
    if (event.type === 'skipped') skipped += event.count
    else if (
      event.type === 'message' &&
      options.directions.includes(event.direction) &&
      options.kinds.includes(event.kind)
    )
      messages.push(event)
  }
  return { messages: logOfMessages(messages), skipped }
}

/** Compiles the rules and keys of `options`, or throws CompareError with the reason. */
export function checkOptions(options: CompareOptions): IgnoreRules {
  try {
    if (options.align === 'key') {
      if (!options.keyLeft || !options.keyRight)
        throw new CompareError('Aligning by key needs a key expression for each side, such as $.id')
      compileKey(options.keyLeft)
      compileKey(options.keyRight)
    }
    return compileIgnoreRules(options.ignore)
  } catch (error) {
    if (error instanceof PathSyntaxError) throw new CompareError(error.message)
    throw error
  }
}

/**
 * Pairs judged before the comparison ran (the compare worker judges n-th against n-th while the
 * logs are still arriving): true or false for those, undefined for the rest.
 */
export type KnownPairs = (left: number, right: number) => boolean | undefined

/** Aligns two logs, marks each pair, counts, times, and says what the user should know. */
export function compareLogs(
  left: CompareSide,
  right: CompareSide,
  options: CompareOptions,
  known: KnownPairs = () => undefined,
): CompareResult {
  const rules = checkOptions(options)
  const warnings: string[] = []
  for (const [name, side] of [
    ['left', left],
    ['right', right],
  ] as const) {
    if (side.skipped > 0)
      warnings.push(
        `The ${name} log skipped ${formatCount(side.skipped)} rows while it was live (the view fell behind): they may show as missing.`,
      )
  }

  let pairs: AlignedPairs
  switch (options.align) {
    case 'position':
      pairs = alignByPosition(left.messages.length, right.messages.length)
      break
    case 'time':
      pairs = alignByTime(left.messages, right.messages, options.toleranceMs)
      break
    case 'key': {
      const aligned = alignByKey(
        left.messages,
        right.messages,
        compileKey(options.keyLeft!),
        compileKey(options.keyRight!),
      )
      pairs = aligned.pairs
      warnings.push(...keyWarnings(aligned, left, right, options))
      break
    }
    default:
      return options.align satisfies never
  }

  const summary: CompareSummary = {
    equal: 0,
    changed: 0,
    onlyLeft: 0,
    onlyRight: 0,
    firstDifference: null,
  }
  for (let p = 0; p < pairs.length; p++) {
    const l = pairs.left[p]!
    const r = pairs.right[p]!
    if (l >= 0 && r >= 0) {
      const equal = known(l, r) ?? pairEqual(left.messages, l, right.messages, r, rules)
      pairs.status[p] = equal ? STATUS_CODE.equal : STATUS_CODE.changed
      if (equal) summary.equal++
      else summary.changed++
    } else if (r < 0) summary.onlyLeft++
    else summary.onlyRight++
    if (pairs.status[p] !== STATUS_CODE.equal) summary.firstDifference ??= p
  }
  if (
    left.messages.length > 0 &&
    right.messages.length > 0 &&
    summary.equal + summary.changed === 0
  )
    warnings.push(
      'The two logs have nothing in common under this alignment: no message has a partner. Try another alignment or key.',
    )

  return {
    options,
    pairs,
    summary,
    timing: {
      left: sideTiming(left.messages),
      right: sideTiming(right.messages),
      latency: latencyTiming(pairs, left.messages, right.messages),
    },
    warnings,
  }
}

function keyWarnings(
  aligned: KeyAlignment,
  left: CompareSide,
  right: CompareSide,
  options: CompareOptions,
): string[] {
  const warnings: string[] = []
  const sides = [
    [
      'left',
      left,
      options.keyLeft!,
      aligned.keyless.left,
      aligned.keyless.firstLeft,
      aligned.duplicateKeys.left,
    ],
    [
      'right',
      right,
      options.keyRight!,
      aligned.keyless.right,
      aligned.keyless.firstRight,
      aligned.duplicateKeys.right,
    ],
  ] as const
  for (const [name, side, key, keyless, first, duplicates] of sides) {
    if (keyless > 0 && keyless === side.messages.length)
      warnings.push(
        `The key ${key} reached nothing in any of the ${formatCount(side.messages.length)} ${name} messages: check the expression against a message (${preview(side.messages.at(0))}).`,
      )
    else if (keyless > 0)
      warnings.push(
        `The key ${key} reached nothing in ${formatCount(keyless)} ${name} messages (the first is #${side.messages.at(first!).seq}): they stand alone.`,
      )
    if (duplicates > 0)
      warnings.push(
        `${formatCount(duplicates)} ${name} messages repeat a key an earlier one had: the n-th occurrence of a key is paired with the n-th on the other side.`,
      )
  }
  return warnings
}

function preview(message: ComparedMessage): string {
  const text = message.data ?? `${message.size} bytes of binary`
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}
