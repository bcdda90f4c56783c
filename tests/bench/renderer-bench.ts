/**
 * The renderer under load, in Chromium: `/ws/stream` at 50,000 msg/s for 10 s into one tab, driven
 * through the UI like a user, measuring frames per second, the longest main-thread task (Long Tasks
 * API), rows received against rows sent, and the heap after a million rows; then the same stream
 * with its session recording to SQLite, to see whether recording slows the live log.
 */
import { chromium, type Page } from '@playwright/test'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/chromium.ts'

/** One stream into one tab, as the UI took it. */
export interface StreamResult {
  received: number
  shown: number
  skipped: number
  seconds: number
  fpsAverage: number
  fpsWorstSecond: number
  longestTaskMs: number
}

export interface RendererResult extends StreamResult {
  sent: number
  heapAfterMillionMB: number
  /** Rows in the log whose heap was measured (a million unless some were skipped). */
  rowsHeld: number
  /** The same stream with the session recording to SQLite. */
  recorded: StreamResult
}

const here = import.meta.dirname

async function startApp(): Promise<{ url: string; child: ChildProcess }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'rp-bench-ui-'))
  const child = spawn(
    process.execPath,
    [join(here, '../../out/main/cli.js'), 'app', '--port', '0', '--no-open', '--data-dir', dataDir],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  for await (const line of createInterface({ input: child.stdout })) {
    const match = /^Realtime Playground: (\S+)$/.exec(line)
    if (match) return { url: match[1]!, child }
  }
  throw new Error('The app did not start')
}

/** Opens a new tab on `url` through the UI, like a user; compression off, as in the other benchmarks. */
async function openTab(page: Page, url: string): Promise<void> {
  await page
    .getByRole('button', { name: /^New connection/ })
    .first()
    .click()
  await page.getByRole('textbox', { name: 'URL' }).fill(url)
  await page.getByRole('tab', { name: 'Settings' }).click()
  await page.getByRole('checkbox', { name: /Offer compression/ }).uncheck()
}

/** Connects the open tab and waits until the generator has sent everything and closed. */
async function streamOnce(
  page: Page,
  timeoutMs: number,
): Promise<{ received: number; skipped: number }> {
  await page.getByRole('button', { name: 'Connect', exact: true }).click()
  await page.getByRole('button', { name: 'Disconnect' }).waitFor()
  await page.getByRole('button', { name: 'Connect', exact: true }).waitFor({ timeout: timeoutMs })
  const text =
    (await page.getByRole('status').filter({ hasText: 'Closed' }).last().textContent()) ?? ''
  const number = (pattern: RegExp): number =>
    Number((pattern.exec(text)?.[1] ?? '0').replaceAll(',', ''))
  return { received: number(/↓ ([\d,]+)/), skipped: number(/([\d,]+) skipped/) }
}

/** Opens `url` in a new tab (saved and recording, if `record`), streams it once, and measures. */
async function measureStream(page: Page, url: string, record: boolean): Promise<StreamResult> {
  await page.evaluate(() => {
    const probe = (window as unknown as { benchProbe: { frames: number[]; longest: number } })
      .benchProbe
    probe.frames.length = 0
    probe.longest = 0
  })
  const started = performance.now()
  await openTab(page, url)
  if (record) {
    await page.getByRole('button', { name: 'Save session' }).click()
    await page.getByRole('button', { name: 'Record', exact: true }).click()
    await page.getByRole('button', { name: 'Record', exact: true, pressed: true }).waitFor()
  }
  const rate = await streamOnce(page, 60_000)
  const seconds = (performance.now() - started) / 1000
  const probe = await page.evaluate(
    () => (window as unknown as { benchProbe: { frames: number[]; longest: number } }).benchProbe,
  )
  const perSecond = new Map<number, number>()
  for (const time of probe.frames)
    perSecond.set(Math.floor(time / 1000), (perSecond.get(Math.floor(time / 1000)) ?? 0) + 1)
  const fullSeconds = [...perSecond.entries()]
    .sort(([a], [b]) => a - b)
    .slice(1, -1)
    .map(([, count]) => count)
  return {
    received: rate.received,
    shown: rate.received - rate.skipped,
    skipped: rate.skipped,
    seconds,
    fpsAverage:
      fullSeconds.reduce((sum, count) => sum + count, 0) / Math.max(1, fullSeconds.length),
    fpsWorstSecond: Math.min(...fullSeconds),
    longestTaskMs: probe.longest,
  }
}

export async function runRendererBench(): Promise<RendererResult> {
  const app = await startApp()
  const browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    args: CHROMIUM_ARGS,
  })
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    await page.addInitScript(() => {
      localStorage.setItem(
        'realtime-playground:settings',
        JSON.stringify({ logCapacity: 1_000_000, timeFormat: 'absolute' }),
      )
      const probe = { frames: [] as number[], longest: 0 }
      Object.assign(window, { benchProbe: probe })
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries())
          probe.longest = Math.max(probe.longest, entry.duration)
      }).observe({ type: 'longtask', buffered: true })
      const frame = (time: number): void => {
        probe.frames.push(time)
        requestAnimationFrame(frame)
      }
      requestAnimationFrame(frame)
    })
    await page.goto(app.url)
    await page.getByRole('main').getByRole('button', { name: 'Start demo server' }).click()
    const demoUrl = (await page
      .getByRole('main')
      .locator('code')
      .filter({ hasText: /^http:/ })
      .textContent())!.replace('http:', 'ws:')

    // 50,000 msg/s for 10 s.
    const sent = 500_000
    const streamUrl = `${demoUrl}/ws/stream?rate=50000&count=${sent}&size=64`
    const live = await measureStream(page, streamUrl, false)

    // The same stream in a new tab of a saved session whose Record switch is on, with the first
    // tab closed and its rows collected, so both streams start from the same heap.
    await page
      .getByRole('button', { name: /^Close / })
      .first()
      .click()
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('HeapProfiler.collectGarbage')
    const recorded = await measureStream(page, streamUrl, true)

    // Once more in the same tab, whose log keeps both runs: a million rows. Then the heap, after a
    // full collection.
    const again = await streamOnce(page, 60_000)
    await cdp.send('HeapProfiler.collectGarbage')
    const heap = await cdp.send('Runtime.getHeapUsage')

    return {
      sent,
      ...live,
      heapAfterMillionMB: heap.usedSize / 1024 / 1024,
      rowsHeld: recorded.shown + again.received - again.skipped,
      recorded,
    }
  } finally {
    await browser.close()
    app.child.kill()
  }
}

if (process.argv[1] === import.meta.filename) {
  console.log(await runRendererBench())
}
