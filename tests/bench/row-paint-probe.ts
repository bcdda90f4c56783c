/**
 * What drawing the log's rows costs this Chromium, the app's code left out: a list of 20 rows
 * whose every row changes each frame (following a stream of 10,000 msg/s), drawn four ways:
 * - `dom`: row elements with the app's own row CSS (message-log-row.css), patched in place, the
 *   way MessageLogList draws them (without Vue);
 * - `canvas`: the same rows drawn on a 2D canvas by the page's thread;
 * - `offscreen`: drawn on an OffscreenCanvas by a worker, the page posting the rows' text;
 * - `idle`: the page only asking for frames (the floor).
 * On an idle machine, and with one core kept busy by another process, as the host keeps one busy
 * in a firehose. Figures: the page thread's busy time (its tasks' wall time: a thread waiting for
 * a core counts), the CPU of all Chromium's processes, the p99 frame.
 * It measures the shape of the log body, not the app: the frame goals and what a canvas
 * body would buy (see the closing notes of the firehose work).
 */
import type { Browser } from '@playwright/test'
import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { chromiumCpu, quantile } from './bench-app.ts'

export type RowPaintMode = 'dom' | 'canvas' | 'offscreen' | 'idle'
export const ROW_PAINT_MODES: readonly RowPaintMode[] = ['dom', 'canvas', 'offscreen', 'idle']

export interface RowPaintResult {
  mode: RowPaintMode
  /** Another process kept one core busy meanwhile. */
  busyCore: boolean
  /** The page thread's busy time, ms per second. */
  mainMsPerSecond: number
  /** All of Chromium's processes, % of one core. */
  chromiumCpuPercent: number
  frameP99Ms: number
}

const here = import.meta.dirname
const ROWS = 20
const ROW_HEIGHT = 26
const WIDTH = 1100
/** Rows a frame at 10,000 msg/s and 60 frames a second. */
const STEP = 166

/** The page: the mode's rows drawn at every frame, the frame times kept in `frames_`. */
function pageOf(mode: RowPaintMode, rowCss: string, themeCss: string): string {
  const body =
    mode === 'dom'
      ? `<div id="list"><div id="spacer"></div></div>`
      : mode === 'idle'
        ? ''
        : `<canvas id="c" width="${WIDTH}" height="${ROWS * ROW_HEIGHT}"></canvas>`
  return `<!doctype html><html><head><style>${themeCss}
body { margin: 0; font-family: var(--font-ui); background: var(--bg-panel); color: var(--text) }
#list { position: absolute; left: 300px; top: 200px; width: ${WIDTH}px; height: ${ROWS * ROW_HEIGHT}px;
  overflow-y: auto; contain: strict }
#spacer { position: relative; width: 100% }
canvas { position: absolute; left: 300px; top: 200px }
${rowCss}</style></head><body>${body}<script type="module">
const mode = ${JSON.stringify(mode)}
window.frames_ = []
const preview = (seq) =>
  '{"seq":' + String(seq).padStart(10) + ',"ts":' + (Date.now() + 0.123).toFixed(3) + ',"pad":"xxxxxxxxxxxxxx"}'
const time = () => new Date().toISOString().slice(11, 23)
let seq = 0
let draw = () => {}
const css = getComputedStyle(document.documentElement)
const colors = Object.fromEntries(['--bg-panel', '--border', '--ok', '--text-faint', '--text-muted', '--text']
  .map((name) => { const probe = document.createElement('i'); probe.style.color = 'var(' + name + ')';
    document.body.append(probe); const value = getComputedStyle(probe).color; probe.remove(); return [name, value] }))
const font = '12px ' + css.getPropertyValue('--font-mono')
const paint = (g, rows) => {
  g.fillStyle = colors['--bg-panel']; g.fillRect(0, 0, ${WIDTH}, ${ROWS * ROW_HEIGHT})
  g.font = font; g.textBaseline = 'middle'
  rows.forEach(([at, text], i) => {
    const y = i * ${ROW_HEIGHT}
    g.fillStyle = colors['--border']; g.fillRect(0, y + ${ROW_HEIGHT - 1}, ${WIDTH}, 1)
    g.fillStyle = colors['--ok']; g.fillText('↓', 16, y + 13)
    g.fillStyle = colors['--text-faint']; g.fillText(at, 38, y + 13); g.fillText('64 B', 320, y + 13)
    g.fillStyle = colors['--text-muted']; g.fillText('text', 154, y + 13)
    g.fillStyle = colors['--text']; g.fillText(text, 400, y + 13)
  })
}
const rowsNow = () => Array.from({ length: ${ROWS} }, (_, i) => [time(), preview(seq + i)])
if (mode === 'dom') {
  const list = document.getElementById('list'), spacer = document.getElementById('spacer')
  const rows = Array.from({ length: ${ROWS} }, () => {
    const row = document.createElement('div'); row.className = 'row dir-in tone-normal'
    const cells = ['arrow', 'time', 'kind', 'size', 'preview'].map((name) => {
      const cell = document.createElement('span'); cell.className = name; row.append(cell); return cell })
    cells[0].textContent = '↓'; spacer.append(row); return cells
  })
  draw = () => {
    const top = seq * ${ROW_HEIGHT}
    spacer.style.height = top + ${ROWS * ROW_HEIGHT} + 'px'
    rows.forEach((cells, i) => {
      cells[0].parentElement.style.transform = 'translateY(' + (top + i * ${ROW_HEIGHT}) + 'px)'
      cells[1].textContent = time(); cells[2].textContent = 'text'; cells[3].textContent = '64 B'
      cells[4].textContent = preview(seq + i)
    })
    list.scrollTop = top
  }
} else if (mode === 'canvas') {
  const g = document.getElementById('c').getContext('2d', { alpha: false })
  draw = () => paint(g, rowsNow())
} else if (mode === 'offscreen') {
  const canvas = document.getElementById('c').transferControlToOffscreen()
  const source = 'const colors = ' + JSON.stringify(colors) + ', font = ' + JSON.stringify(font) +
    '; const paint = ' + paint.toString() +
    '; let g; onmessage = ({ data }) => data.canvas ? (g = data.canvas.getContext("2d", { alpha: false })) : paint(g, data.rows)'
  const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })))
  worker.postMessage({ canvas }, [canvas])
  draw = () => worker.postMessage({ rows: rowsNow() })
}
const frame = (at) => {
  window.frames_.push(at)
  seq += ${STEP}
  draw()
  requestAnimationFrame(frame)
}
requestAnimationFrame(frame)
</script></body></html>`
}

/**
 * Every mode, `rounds` times interleaved, each for `seconds` after one to settle; with one core
 * kept busy if `busyCore`.
 */
export async function measureRowPaint(
  browser: Browser,
  busyCore: boolean,
  rounds = 3,
  seconds = 4,
): Promise<RowPaintResult[]> {
  const styles = join(here, '../../renderer')
  const rowCss = await readFile(join(styles, 'features/message-log/message-log-row.css'), 'utf8')
  const themeCss = await readFile(join(styles, 'styles/theme.css'), 'utf8')
  const cpu = await chromiumCpu(browser)
  // One core busy, as in a firehose: the page's threads share the other.
  const spinner = busyCore
    ? spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' })
    : null
  const results: RowPaintResult[] = []
  try {
    for (let round = 0; round < rounds; round++) {
      for (const mode of ROW_PAINT_MODES) {
        const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
        try {
          const session = await page.context().newCDPSession(page)
          await session.send('Performance.enable')
          const busyMs = async (): Promise<number> =>
            ((await session.send('Performance.getMetrics')).metrics.find(
              (metric) => metric.name === 'TaskDuration',
            )?.value ?? 0) * 1000
          await page.setContent(pageOf(mode, rowCss, themeCss))
          await page.waitForTimeout(1000)
          const [busyFrom, cpuFrom, from] = [await busyMs(), await cpu.readMs(), performance.now()]
          const frameFrom = await page.evaluate(() => performance.now())
          await page.waitForTimeout(seconds * 1000)
          const [busyTo, cpuTo, to] = [await busyMs(), await cpu.readMs(), performance.now()]
          const frames = await page.evaluate(
            (after) =>
              (window as unknown as { frames_: number[] }).frames_.filter((t) => t >= after),
            frameFrom,
          )
          const elapsed = (to - from) / 1000
          results.push({
            mode,
            busyCore,
            mainMsPerSecond: (busyTo - busyFrom) / elapsed,
            chromiumCpuPercent: (cpuTo - cpuFrom) / elapsed / 10,
            frameP99Ms: quantile(
              frames.slice(1).map((t, i) => t - frames[i]!),
              0.99,
            ),
          })
        } finally {
          await page.close()
        }
      }
    }
  } finally {
    spinner?.kill()
    await cpu.detach()
  }
  return results
}
