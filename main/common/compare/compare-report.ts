import { formatCount } from '../format/count.ts'
import { STATUS_OF } from './align.ts'
import type {
  ComparedMessage,
  CompareOptions,
  CompareSummary,
  LatencyTiming,
  MessageList,
  PairStatus,
  SideTiming,
} from './compare-types.ts'
import type { CompareResult } from './compare-logs.ts'
import { compileIgnoreRules } from './ignore-rules.ts'
import { diffMessages, type MessageDiff } from './message-diff.ts'

export const REPORT_FORMAT = 'realtime-playground/compare-report'
export const REPORT_VERSION = 1

/** One pair that is not equal, with both messages and what differs. */
export interface ReportDifference {
  /** Position of the pair in the aligned list. */
  pair: number
  status: Exclude<PairStatus, 'equal'>
  left: ComparedMessage | null
  right: ComparedMessage | null
  diff: MessageDiff | null
}

/** A comparison as a file: a stable schema, for CI and for people (see renderReportHtml). */
export interface CompareReport {
  format: typeof REPORT_FORMAT
  version: typeof REPORT_VERSION
  createdAt: string
  left: { name: string; messages: number; skipped: number; timing: SideTiming }
  right: { name: string; messages: number; skipped: number; timing: SideTiming }
  options: CompareOptions
  summary: CompareSummary & { pairs: number; identical: boolean }
  latency: LatencyTiming | null
  warnings: string[]
  /** The first `maxDifferences` pairs that are not equal, in order. */
  differences: ReportDifference[]
  /** How many differences were left out past the limit. */
  moreDifferences: number
}

/** A side as the report reads it: its messages by position, skipped rows and name. */
export interface ReportSide {
  messages: MessageList
  skipped: number
  name: string
}

export function buildReport(
  result: CompareResult,
  left: ReportSide,
  right: ReportSide,
  maxDifferences = 100,
  now: Date = new Date(),
): CompareReport {
  const rules = compileIgnoreRules(result.options.ignore)
  const differences: ReportDifference[] = []
  let total = 0
  for (let p = 0; p < result.pairs.length; p++) {
    const status = STATUS_OF[result.pairs.status[p]!]!
    if (status === 'equal') continue
    total++
    if (differences.length >= maxDifferences) continue
    const l = result.pairs.left[p]!
    const r = result.pairs.right[p]!
    const leftMessage = l >= 0 ? (left.messages.at(l) ?? null) : null
    const rightMessage = r >= 0 ? (right.messages.at(r) ?? null) : null
    differences.push({
      pair: p,
      status,
      left: leftMessage,
      right: rightMessage,
      diff: leftMessage && rightMessage ? diffMessages(leftMessage, rightMessage, rules) : null,
    })
  }
  const { summary } = result
  return {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    createdAt: now.toISOString(),
    left: {
      name: left.name,
      messages: left.messages.length,
      skipped: left.skipped,
      timing: result.timing.left,
    },
    right: {
      name: right.name,
      messages: right.messages.length,
      skipped: right.skipped,
      timing: result.timing.right,
    },
    options: result.options,
    summary: {
      ...summary,
      pairs: result.pairs.length,
      identical: summary.changed + summary.onlyLeft + summary.onlyRight === 0,
    },
    latency: result.timing.latency,
    warnings: result.warnings,
    differences,
    moreDifferences: total - differences.length,
  }
}

const ms = (n: number): string => `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`

/** The report for a terminal: the summary, timing, warnings, then each difference as a diff. */
export function formatReportText(report: CompareReport): string {
  const { summary } = report
  const lines = [
    `${report.left.name}  ⇄  ${report.right.name}  (aligned by ${alignText(report.options)})`,
    `${formatCount(summary.equal)} equal · ${formatCount(summary.changed)} changed · ${formatCount(summary.onlyLeft)} only left · ${formatCount(summary.onlyRight)} only right`,
  ]
  for (const [name, side] of [
    ['left ', report.left],
    ['right', report.right],
  ] as const) {
    const t = side.timing
    lines.push(
      `${name}: ${formatCount(side.messages)} messages, ${t.rate.toFixed(1)}/s, gaps p50 ${ms(t.gapP50)} p99 ${ms(t.gapP99)} max ${ms(t.maxGap)}`,
    )
  }
  if (report.latency) {
    const l = report.latency
    lines.push(
      `right behind left: p50 ${ms(l.p50)} p95 ${ms(l.p95)} p99 ${ms(l.p99)} max ${ms(l.max)}`,
    )
  }
  for (const warning of report.warnings) lines.push(`! ${warning}`)
  for (const difference of report.differences) lines.push('', ...differenceText(difference))
  if (report.moreDifferences > 0)
    lines.push('', `… ${formatCount(report.moreDifferences)} more differences`)
  return lines.join('\n')
}

function alignText(options: CompareOptions): string {
  switch (options.align) {
    case 'position':
      return 'position'
    case 'time':
      return `time (within ${options.toleranceMs} ms)`
    case 'key':
      return options.keyLeft === options.keyRight
        ? `key ${options.keyLeft}`
        : `key ${options.keyLeft} ⇄ ${options.keyRight}`
    default:
      return options.align satisfies never
  }
}

function messageText(message: ComparedMessage): string {
  const body = message.data ?? `[${message.size} bytes] ${message.base64 ?? ''}`
  return `#${message.seq} ${body.length > 200 ? `${body.slice(0, 197)}...` : body}`
}

function differenceText(difference: ReportDifference): string[] {
  const where = `pair ${difference.pair + 1}`
  switch (difference.status) {
    case 'only-left':
      return [`${where}: only left`, `- ${messageText(difference.left!)}`]
    case 'only-right':
      return [`${where}: only right`, `+ ${messageText(difference.right!)}`]
    case 'changed': {
      const lines = [
        `${where}: changed (left #${difference.left!.seq}, right #${difference.right!.seq})`,
      ]
      const diff = difference.diff!
      for (const field of diff.fields) lines.push(`  ${field.path}: ${field.left} → ${field.right}`)
      const payload = diff.payload
      switch (payload.kind) {
        case 'json':
          for (const change of payload.changes) {
            if (change.change === 'removed') lines.push(`- ${change.path}: ${change.left}`)
            else if (change.change === 'added') lines.push(`+ ${change.path}: ${change.right}`)
            else lines.push(`~ ${change.path}: ${change.left} → ${change.right}`)
          }
          break
        case 'text':
          lines.push(
            `- ${payload.segments
              .filter((s) => s.op !== 'added')
              .map((s) => (s.op === 'removed' ? `[${s.text}]` : s.text))
              .join('')}`,
          )
          lines.push(
            `+ ${payload.segments
              .filter((s) => s.op !== 'removed')
              .map((s) => (s.op === 'added' ? `[${s.text}]` : s.text))
              .join('')}`,
          )
          break
        case 'bytes':
          lines.push(
            `  ${formatCount(payload.differing)} of ${formatCount(Math.max(payload.leftSize, payload.rightSize))} bytes differ, first at offset ${payload.ranges[0]?.offset ?? 0}`,
          )
          break
        default:
          payload satisfies never
      }
      return lines
    }
    default:
      return difference.status satisfies never
  }
}
