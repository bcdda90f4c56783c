import { describe, expect, it } from 'vitest'
import {
  buildReport,
  compareLogs,
  DEFAULT_COMPARE_OPTIONS,
  formatReportText,
  renderReportHtml,
  REPORT_FORMAT,
} from '#common/compare/index.ts'
import { json, side, text } from './messages.ts'

const left = {
  ...side([json({ n: 1 }, 1), text('<script>alert(1)</script>', 2)]),
  name: 'golden.ndjson',
}
const right = { ...side([json({ n: 2 }, 1)]), name: 'build.ndjson' }
const result = compareLogs(left, right, DEFAULT_COMPARE_OPTIONS)
const report = buildReport(result, left, right, 100, new Date('2026-01-01T00:00:00Z'))

describe('buildReport', () => {
  it('has a stable, versioned shape with the differences and their diffs', () => {
    expect(report).toMatchObject({
      format: REPORT_FORMAT,
      version: 1,
      createdAt: '2026-01-01T00:00:00.000Z',
      left: { name: 'golden.ndjson', messages: 2 },
      summary: { equal: 0, changed: 1, onlyLeft: 1, onlyRight: 0, pairs: 2, identical: false },
      moreDifferences: 0,
    })
    expect(report.differences.map((d) => d.status)).toEqual(['changed', 'only-left'])
    expect(report.differences[0]!.diff?.payload).toMatchObject({ kind: 'json' })
  })

  it('stops listing differences at the limit and counts the rest', () => {
    expect(buildReport(result, left, right, 1).moreDifferences).toBe(1)
  })
})

describe('formatReportText', () => {
  it('prints the counts and a readable diff', () => {
    const output = formatReportText(report)
    expect(output).toContain('0 equal · 1 changed · 1 only left · 0 only right')
    expect(output).toContain('~ $.n: 1 → 2')
    expect(output).toContain('- #2 <script>alert(1)</script>')
  })
})

describe('renderReportHtml', () => {
  it('is one page that shows hostile payloads as text and allows no script', () => {
    const html = renderReportHtml(report)
    expect(html).toContain("default-src 'none'")
    expect(html).not.toContain('<script>')
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;')
  })
})
