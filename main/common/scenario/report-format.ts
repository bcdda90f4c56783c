import type { ScenarioReport, ScenarioStepResult } from '../contract/scenario.ts'

/** One scenario's report, named (a session, and its iteration when there are several). */
export interface NamedReport {
  name: string
  report: ScenarioReport
}

const MARKS: Record<ScenarioStepResult['status'], string> = {
  passed: '✓',
  failed: '✗',
  skipped: '-',
}

/** A step as a line of text: `  ✓ 3 expect $.type = "pong" within 1000 ms (12 ms)`. */
export function formatStepLine(step: ScenarioStepResult): string {
  const round = step.round === undefined ? '' : ` [round ${step.round}]`
  const line = `  ${MARKS[step.status]} ${step.path}${round} ${step.title}`
  switch (step.status) {
    case 'passed':
      return `${line} (${Math.round(step.durationMs)} ms)`
    case 'failed':
      return `${line}\n      ${step.detail}`
    case 'skipped':
      return `${line} (skipped)`
    default:
      return step.status satisfies never
  }
}

/** The closing line: `2 scenarios: 1 passed, 1 failed; 14 steps in 1.3 s`. */
export function formatSummary(reports: readonly NamedReport[]): string {
  const passed = reports.filter(({ report }) => report.passed).length
  const steps = reports.reduce((sum, { report }) => sum + report.steps.length, 0)
  const ms = reports.reduce((sum, { report }) => sum + report.durationMs, 0)
  const failed = reports.length - passed
  return `${reports.length} scenario${reports.length === 1 ? '' : 's'}: ${passed} passed, ${failed} failed; ${steps} steps in ${(ms / 1000).toFixed(1)} s`
}

/**
 * JUnit XML, as GitHub Actions, GitLab and Jenkins read it: a test suite per scenario, a test case
 * per step (its round in the name), failures with their sentence, skipped steps marked so.
 */
export function formatJunit(reports: readonly NamedReport[]): string {
  const suites = reports.map(({ name, report }) => {
    const failures = report.steps.filter((step) => step.status === 'failed').length
    const skipped = report.steps.filter((step) => step.status === 'skipped').length
    const cases = report.steps.map((step) => {
      const round = step.round === undefined ? '' : ` [round ${step.round}]`
      const open = `    <testcase classname="${xml(name)}" name="${xml(`${step.path}${round} ${step.title}`)}" time="${seconds(step.durationMs)}"`
      switch (step.status) {
        case 'passed':
          return `${open}/>`
        case 'failed':
          return `${open}>\n      <failure message="${xml(step.detail)}" type="${step.type}">${xml(step.detail)}${step.seq === undefined ? '' : xml(` (message #${step.seq})`)}</failure>\n    </testcase>`
        case 'skipped':
          return `${open}>\n      <skipped/>\n    </testcase>`
        default:
          return step.status satisfies never
      }
    })
    return `  <testsuite name="${xml(name)}" tests="${report.steps.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds(report.durationMs)}" timestamp="${new Date(report.startedAt).toISOString().slice(0, 19)}">\n${cases.join('\n')}\n  </testsuite>`
  })
  const total = reports.reduce((sum, { report }) => sum + report.steps.length, 0)
  const failures = reports.reduce(
    (sum, { report }) => sum + report.steps.filter((step) => step.status === 'failed').length,
    0,
  )
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="realtime-playground run" tests="${total}" failures="${failures}">\n${suites.join('\n')}\n</testsuites>\n`
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3)
}

/** Text made safe for an XML attribute or element; characters XML 1.0 forbids are dropped. */
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}
