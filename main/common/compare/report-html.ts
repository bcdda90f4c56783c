import { formatCount } from '../format/count.ts'
import type { CompareReport, ReportDifference } from './compare-report.ts'
import type { LatencyTiming, SideTiming } from './compare-types.ts'

/** Escapes text for HTML: every value in the page goes through it, so none is ever markup. */
const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)

const ms = (n: number): string => `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`

/**
 * The report as one self-contained HTML page: styles inline, no script, and a policy that forbids
 * any, so a hostile payload in a message is text and nothing else.
 */
export function renderReportHtml(report: CompareReport): string {
  const { summary } = report
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escape(`${report.left.name} ⇄ ${report.right.name}`)}</title>
<style>
body{font:14px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d2129;background:#fff}
@media (prefers-color-scheme:dark){body{color:#e6e8ec;background:#16181d}.card,table{border-color:#343842}}
h1{font-size:1.3rem}h2{font-size:1.05rem;margin-top:2rem}
.counts{display:flex;gap:1rem;flex-wrap:wrap}.card{border:1px solid #d9dce3;border-radius:8px;padding:.5rem 1rem}
.equal{color:#1a7f37}.changed{color:#9a6700}.only-left{color:#cf222e}.only-right{color:#0969da}
table{border-collapse:collapse;border:1px solid #d9dce3}td,th{padding:.25rem .75rem;text-align:left;border-bottom:1px solid #d9dce3}
pre{white-space:pre-wrap;word-break:break-all;font:12px/1.4 ui-monospace,monospace;margin:.25rem 0}
.del{background:#ffebe9;color:#82071e}.ins{background:#dafbe1;color:#116329}.warn{color:#9a6700}
</style>
</head>
<body>
<h1>${escape(report.left.name)} ⇄ ${escape(report.right.name)}</h1>
<p>${summary.identical ? 'The logs match under the rules.' : 'The logs differ.'} Created ${escape(report.createdAt)}; aligned by ${escape(report.options.align)}${report.options.ignore.length > 0 ? `, ignoring ${escape(report.options.ignore.join(', '))}` : ''}.</p>
<div class="counts">
<div class="card equal"><strong>${formatCount(summary.equal)}</strong> equal</div>
<div class="card changed"><strong>${formatCount(summary.changed)}</strong> changed</div>
<div class="card only-left"><strong>${formatCount(summary.onlyLeft)}</strong> only left</div>
<div class="card only-right"><strong>${formatCount(summary.onlyRight)}</strong> only right</div>
</div>
${report.warnings.map((warning) => `<p class="warn">${escape(warning)}</p>`).join('\n')}
<h2>Timing</h2>
<table><tr><th></th><th>messages</th><th>rate</th><th>gap p50</th><th>p95</th><th>p99</th><th>max gap</th></tr>
${timingRow(report.left.name, report.left.timing)}
${timingRow(report.right.name, report.right.timing)}
</table>
${report.latency ? latencySection(report.latency) : ''}
<h2>Differences</h2>
${report.differences.length === 0 ? '<p>None.</p>' : report.differences.map(differenceHtml).join('\n')}
${report.moreDifferences > 0 ? `<p>… ${formatCount(report.moreDifferences)} more differences.</p>` : ''}
</body>
</html>
`
}

function timingRow(name: string, timing: SideTiming): string {
  return `<tr><th>${escape(name)}</th><td>${formatCount(timing.messages)}</td><td>${timing.rate.toFixed(1)}/s</td><td>${ms(timing.gapP50)}</td><td>${ms(timing.gapP95)}</td><td>${ms(timing.gapP99)}</td><td>${ms(timing.maxGap)}</td></tr>`
}

function latencySection(latency: LatencyTiming): string {
  const width = 640
  const height = 120
  const maxX = Math.max(1, ...latency.series.map(([x]) => x))
  const maxY = Math.max(1, ...latency.series.map(([, y]) => Math.abs(y)))
  const points = latency.series
    .map(
      ([x, y]) =>
        `${((x / maxX) * width).toFixed(1)},${(height - (Math.max(0, y) / maxY) * height).toFixed(1)}`,
    )
    .join(' ')
  return `<h2>Right behind left</h2>
<p>${formatCount(latency.pairs)} pairs: p50 ${ms(latency.p50)} · p95 ${ms(latency.p95)} · p99 ${ms(latency.p99)} · max ${ms(latency.max)}</p>
<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Latency over time"><polyline fill="none" stroke="#0969da" stroke-width="1.5" points="${points}"/></svg>`
}

function differenceHtml(difference: ReportDifference): string {
  const title = `Pair ${difference.pair + 1}: <span class="${difference.status}">${difference.status.replace('-', ' ')}</span>`
  const message = (side: 'left' | 'right'): string => {
    const m = difference[side]
    return m
      ? `<pre>#${m.seq} ${escape(m.data ?? `[${m.size} bytes] ${m.base64 ?? ''}`)}</pre>`
      : ''
  }
  if (!difference.diff)
    return `<section><h3>${title}</h3>${message('left')}${message('right')}</section>`
  const { payload, fields } = difference.diff
  const lines = fields.map(
    (f) => `<pre>${escape(`${f.path}: ${f.left ?? ''} → ${f.right ?? ''}`)}</pre>`,
  )
  switch (payload.kind) {
    case 'json':
      for (const change of payload.changes) {
        const text =
          change.change === 'changed'
            ? `${change.path}: <span class="del">${escape(change.left ?? '')}</span> → <span class="ins">${escape(change.right ?? '')}</span>`
            : change.change === 'added'
              ? `<span class="ins">+ ${escape(`${change.path}: ${change.right ?? ''}`)}</span>`
              : `<span class="del">- ${escape(`${change.path}: ${change.left ?? ''}`)}</span>`
        lines.push(`<pre>${text}</pre>`)
      }
      break
    case 'text':
      lines.push(
        `<pre>${payload.segments
          .map((segment) =>
            segment.op === 'same'
              ? escape(segment.text)
              : `<span class="${segment.op === 'added' ? 'ins' : 'del'}">${escape(segment.text)}</span>`,
          )
          .join('')}</pre>`,
      )
      break
    case 'bytes':
      lines.push(
        `<p>${formatCount(payload.differing)} bytes differ, first at offset ${payload.ranges[0]?.offset ?? 0}.</p>`,
      )
      break
    default:
      payload satisfies never
  }
  return `<section><h3>${title}</h3>${lines.join('')}</section>`
}
