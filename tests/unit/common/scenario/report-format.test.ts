import { describe, expect, it } from 'vitest'
import {
  formatJunit,
  formatStepLine,
  formatSummary,
} from '../../../../main/common/scenario/report-format.ts'
import type { ScenarioReport } from '../../../../main/common/contract/scenario.ts'

const report: ScenarioReport = {
  passed: false,
  startedAt: Date.UTC(2026, 11, 1, 12, 0, 0),
  durationMs: 1500,
  captured: {},
  steps: [
    {
      path: '1',
      type: 'connect',
      title: 'connect',
      status: 'passed',
      durationMs: 12,
      detail: 'Open',
    },
    {
      path: '2',
      type: 'expect',
      title: 'expect text contains "<b>&"',
      status: 'failed',
      durationMs: 1000,
      detail: 'No message matched text contains "<b>&" within 1000 ms\u0001',
      seq: 4,
    },
    {
      path: '3.1',
      round: 1,
      type: 'send',
      title: 'send x',
      status: 'skipped',
      durationMs: 0,
      detail: '',
    },
  ],
}

describe('formatJunit', () => {
  it('writes a suite per scenario, a case per step, escaped, with failures and skips', () => {
    const xml = formatJunit([{ name: 'echo & co', report }])
    expect(xml).toContain(
      '<testsuite name="echo &amp; co" tests="3" failures="1" errors="0" skipped="1" time="1.500" timestamp="2026-12-01T12:00:00">',
    )
    expect(xml).toContain(
      '<failure message="No message matched text contains &quot;&lt;b&gt;&amp;&quot; within 1000 ms" type="expect">',
    )
    expect(xml).toContain('(message #4)</failure>')
    expect(xml).toContain('name="3.1 [round 1] send x" time="0.000">\n      <skipped/>')
    expect(xml).not.toContain('\u0001')
  })
})

describe('formatStepLine and formatSummary', () => {
  it('mark each step and count the scenarios', () => {
    expect(formatStepLine(report.steps[0]!)).toBe('  ✓ 1 connect (12 ms)')
    expect(formatStepLine(report.steps[2]!)).toBe('  - 3.1 [round 1] send x (skipped)')
    expect(formatSummary([{ name: 'a', report }])).toBe(
      '1 scenario: 0 passed, 1 failed; 3 steps in 1.5 s',
    )
  })
})
