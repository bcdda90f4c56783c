/**
 * The compare view in Chromium on two log files of a million messages each, driven through the UI:
 * how soon the first results show, how long until the whole comparison is done, the longest
 * main-thread task meanwhile (Long Tasks API), and frame times while scrolling the pairs.
 */
import { chromium } from '@playwright/test'
import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/chromium.ts'

export interface CompareUiResult {
  messages: number
  /** From the second file read in (the comparison starting) to the first pairs on screen. */
  firstResultsMs: number
  /** From the second file read in to the counts of the whole comparison. */
  doneMs: number
  /** The worker's own time for the whole comparison, as the view reports it. */
  workerMs: number
  longestTaskMs: number
  longTasks: number
  scrollFrameP50Ms: number
  scrollFrameP99Ms: number
  /** The same page not scrolling: the baseline of this machine's frames. */
  idleFrameP99Ms: number
  scrollFrames: number
  scrollFramesOver20Ms: number
}

const here = import.meta.dirname

/** A log export of `count` feed messages; every timestamp shifted by `shiftMs`, one left out. */
async function writeLog(path: string, count: number, shiftMs: number, drop: number): Promise<void> {
  const out = createWriteStream(path)
  for (let i = 0; i < count; i++) {
    if (i === drop) continue
    const ts = 1_700_000_000_000 + i * 0.1 + shiftMs
    const data = JSON.stringify({ seq: i + 1, ts, pad: 'xxxxxxxxxxxxxxxxxxxxxx' })
    const line = `{"type":"message","seq":${i + 1},"ts":${ts},"direction":"in","kind":"text","size":${data.length},"data":${JSON.stringify(data)}}\n`
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
  }
  await new Promise<void>((resolve) => out.end(() => resolve()))
}

async function startApp(): Promise<{ url: string; child: ChildProcess }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'rp-bench-compare-'))
  const child = spawn(
    process.execPath,
    [join(here, '../../out/main/cli.js'), 'app', '--port', '0', '--no-open', '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  for await (const line of createInterface({ input: child.stdout })) {
    const match = /^Realtime Playground: (\S+)$/.exec(line)
    if (match) return { url: match[1]!, child }
  }
  throw new Error('The app did not start')
}

const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0
}

export async function runCompareUiBench(messages = 1_000_000): Promise<CompareUiResult> {
  const dir = await mkdtemp(join(tmpdir(), 'rp-bench-logs-'))
  const left = join(dir, 'golden.ndjson')
  const right = join(dir, 'build.ndjson')
  await writeLog(left, messages, 0, -1)
  await writeLog(right, messages, 0.4, messages >> 1)
  const app = await startApp()
  const browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    args: CHROMIUM_ARGS,
  })
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    await page.addInitScript(() => {
      const probe = { frames: [] as number[], tasks: [] as { start: number; duration: number }[] }
      Object.assign(window, { benchProbe: probe })
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries())
          probe.tasks.push({ start: entry.startTime, duration: entry.duration })
      }).observe({ type: 'longtask', buffered: true })
      const frame = (time: number): void => {
        probe.frames.push(time)
        requestAnimationFrame(frame)
      }
      requestAnimationFrame(frame)
    })
    await page.goto(app.url)
    await page.getByRole('button', { name: /^Compare two logs/ }).click()
    await page.getByLabel('Log file for the left side').setInputFiles(left)
    await page
      .getByRole('combobox', { name: 'Left' })
      .getByText('golden.ndjson')
      .waitFor({ state: 'attached', timeout: 120_000 })

    const chosen = await page.evaluate(() => performance.now())
    await page.getByLabel('Log file for the right side').setInputFiles(right)
    // The comparison starts once the second file is read in.
    await page
      .getByRole('combobox', { name: 'Right' })
      .getByText('build.ndjson')
      .waitFor({ state: 'attached', timeout: 120_000 })
    const started = await page.evaluate(() => performance.now())
    await page.getByRole('listbox', { name: 'Aligned messages' }).waitFor({ timeout: 120_000 })
    const firstAt = await page.evaluate(() => performance.now())
    const done = page.getByText(/^in \d+ ms$/)
    await done.waitFor({ timeout: 180_000 })
    const doneAt = await page.evaluate(() => performance.now())
    const workerMs = Number(/\d+/.exec((await done.textContent()) ?? '')?.[0] ?? 0)

    // Scroll through the pairs, 2,000 px a frame for 3 s (faster than a flicked wheel), and time
    // the frames: in the page, so the driver's round trips are not what is measured.
    const [scrollStart, scrollEnd] = await page.evaluate(
      () =>
        new Promise<[number, number]>((resolve) => {
          const list = document.querySelector<HTMLElement>('[aria-label="Aligned messages"]')!
          const start = performance.now()
          const step = (now: number): void => {
            list.scrollTop += 2_000
            if (now - start < 3_000) requestAnimationFrame(step)
            else resolve([start, now])
          }
          requestAnimationFrame(step)
        }),
    )

    // The same 3 s with nothing scrolling: the frames this machine gives an idle page.
    const [idleStart, idleEnd] = await page.evaluate(
      () =>
        new Promise<[number, number]>((resolve) => {
          const start = performance.now()
          const step = (now: number): void => {
            if (now - start < 3_000) requestAnimationFrame(step)
            else resolve([start, now])
          }
          requestAnimationFrame(step)
        }),
    )

    const probe = await page.evaluate(
      () =>
        (
          window as unknown as {
            benchProbe: { frames: number[]; tasks: { start: number; duration: number }[] }
          }
        ).benchProbe,
    )
    const during = probe.tasks.filter((task) => task.start >= started && task.start <= doneAt)
    if (process.env.BENCH_DEBUG)
      console.error({
        chosen,
        started,
        firstAt,
        doneAt,
        tasks: probe.tasks.filter((task) => task.start >= chosen),
      })
    const frames = probe.frames.filter((time) => time >= scrollStart && time <= scrollEnd)
    const intervals = frames.slice(1).map((time, i) => time - frames[i]!)
    const idle = probe.frames.filter((time) => time >= idleStart && time <= idleEnd)
    const idleIntervals = idle.slice(1).map((time, i) => time - idle[i]!)
    return {
      messages,
      firstResultsMs: firstAt - started,
      doneMs: doneAt - started,
      workerMs,
      longestTaskMs: Math.max(0, ...during.map((task) => task.duration)),
      longTasks: during.length,
      scrollFrameP50Ms: quantile(intervals, 0.5),
      scrollFrameP99Ms: quantile(intervals, 0.99),
      idleFrameP99Ms: quantile(idleIntervals, 0.99),
      scrollFrames: intervals.length,
      scrollFramesOver20Ms: intervals.filter((interval) => interval > 20).length,
    }
  } finally {
    await browser.close()
    app.child.kill()
  }
}

if (process.argv[1] === import.meta.filename) {
  console.log(await runCompareUiBench(Number(process.argv[2] ?? 1_000_000)))
}
