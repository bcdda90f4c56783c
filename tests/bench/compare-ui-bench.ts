/**
 * The compare view in Chromium on two log files of a million messages each, driven through the UI:
 * how soon the first results show, how long until the whole comparison is done, the longest
 * main-thread task meanwhile (Long Tasks API), and frame times while scrolling the pairs.
 */
import { createWriteStream } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { frameIntervals, probedPage, probeOf, quantile, startBenchApp } from './bench-app.ts'
import { scratchDir } from './scratch.ts'

export interface CompareUiResult {
  messages: number
  /**
   * From the frame that showed the second file read in (the comparison starting) to the frame
   * that showed the first pairs.
   */
  firstResultsMs: number
  /** From that frame to the one that showed the counts of the whole comparison. */
  doneMs: number
  /** The worker's job, from its first chunk to its result, as the view reports it. */
  workerMs: number
  /**
   * The same logs aligned by key ($.seq each side): from the key's Enter to the frame that showed
   * the counts of the whole comparison, and the worker's job.
   */
  key: { doneMs: number; workerMs: number }
  longestTaskMs: number
  longTasks: number
  /** Frames scrolling 300 px a frame (a fast flick). */
  flick: FrameStats
  /** Frames scrolling 2,000 px a frame (the scroll bar dragged through the log). */
  drag: FrameStats
  /** The same page not scrolling: the baseline of this machine's frames. */
  idleFrameP99Ms: number
}

export interface FrameStats {
  p50Ms: number
  p99Ms: number
  frames: number
  over20Ms: number
}

/** The milestones the page saw (see the init script below). */
interface Seen {
  benchSeen: Partial<Record<'started' | 'first' | 'done' | 'keyStarted' | 'keyDone', number>>
}

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

function framesOf(intervals: number[]): FrameStats {
  return {
    p50Ms: quantile(intervals, 0.5),
    p99Ms: quantile(intervals, 0.99),
    frames: intervals.length,
    over20Ms: intervals.filter((interval) => interval > 20).length,
  }
}

export async function runCompareUiBench(messages = 1_000_000): Promise<CompareUiResult> {
  const dir = await scratchDir('logs')
  const left = join(dir, 'golden.ndjson')
  const right = join(dir, 'build.ndjson')
  await writeLog(left, messages, 0, -1)
  await writeLog(right, messages, 0.4, messages >> 1)
  const app = await startBenchApp()
  try {
    const page = await probedPage(app, {}, (page) =>
      page.addInitScript(() => {
        /** The first frame that showed each milestone: timed in the page, not by the driver. */
        const seen = {} as Record<'started' | 'first' | 'done' | 'keyStarted' | 'keyDone', number>
        Object.assign(window, { benchSeen: seen })
        // Aligning by key starts with the right key's Enter; it is done once the bar, having
        // said it is updating, shows the time again.
        let updating = false
        addEventListener('keydown', (event) => {
          const target = event.target as HTMLElement
          if (event.key === 'Enter' && target.closest('label')?.textContent?.includes('Right key'))
            seen.keyStarted = event.timeStamp
        })
        const milestones = {
          // The comparison starts once the second file is read in and named in its picker.
          started: () =>
            [...document.querySelectorAll('option[value="file:current"]')].some((option) =>
              option.textContent?.includes('build.ndjson'),
            ),
          first: () => document.querySelector('[aria-label="Aligned messages"] .pair') !== null,
          done: () =>
            /^in \d+ ms$/.test(
              document.querySelector('.compare-summary-bar .ms')?.textContent ?? '',
            ),
          keyDone: () => {
            if (!('keyStarted' in seen)) return false
            updating ||= document.querySelector('.compare-summary-bar .busy') !== null
            return updating && document.querySelector('.compare-summary-bar .ms') !== null
          },
        }
        const frame = (time: number): void => {
          for (const [name, test] of Object.entries(milestones) as [
            keyof typeof milestones,
            () => boolean,
          ][])
            if (!(name in seen) && test()) seen[name] = time
          requestAnimationFrame(frame)
        }
        requestAnimationFrame(frame)
      }),
    )
    await page.getByRole('button', { name: /^Compare two logs/ }).click()
    await page.getByLabel('Log file for the left side').setInputFiles(left)
    await page
      .getByRole('combobox', { name: 'Left' })
      .getByText('golden.ndjson')
      .waitFor({ state: 'attached', timeout: 120_000 })

    const chosen = await page.evaluate(() => performance.now())
    // BENCH_PROFILE=file.cpuprofile: the page's CPU profile from here to the end, for DevTools.
    const profiler = process.env.BENCH_PROFILE ? await page.context().newCDPSession(page) : null
    await profiler?.send('Profiler.enable')
    await profiler?.send('Profiler.start')
    // BENCH_TRACE=file.json: a Chromium trace of the same stretch, for the Performance panel.
    if (process.env.BENCH_TRACE)
      await app.browser.startTracing(page, {
        path: process.env.BENCH_TRACE,
        categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink'],
      })
    await page.getByLabel('Log file for the right side').setInputFiles(right)
    // The comparison starts once the second file is read in.
    await page
      .getByRole('combobox', { name: 'Right' })
      .getByText('build.ndjson')
      .waitFor({ state: 'attached', timeout: 120_000 })
    await page.getByRole('listbox', { name: 'Aligned messages' }).waitFor({ timeout: 120_000 })
    const done = page.getByText(/^in \d+ ms$/)
    await done.waitFor({ timeout: 180_000 })
    // The milestones as frames showed them (the driver sees them later, by its round trips).
    await page.waitForFunction(() => 'done' in (window as unknown as Seen).benchSeen)
    const {
      started,
      first: firstAt,
      done: doneAt,
    } = (await page.evaluate(() => (window as unknown as Seen).benchSeen)) as Record<
      'started' | 'first' | 'done',
      number
    >
    if (process.env.BENCH_TRACE) await app.browser.stopTracing()
    if (profiler) {
      const { profile } = await profiler.send('Profiler.stop')
      await writeFile(process.env.BENCH_PROFILE!, JSON.stringify(profile))
    }
    const workerMs = Number(/\d+/.exec((await done.textContent()) ?? '')?.[0] ?? 0)

    /**
     * Frame intervals over 3 s while the pairs scroll `pixels` a frame (0: the page left idle,
     * this machine's baseline), timed in the page so the driver's round trips are not measured.
     */
    const frames = async (pixels: number): Promise<number[]> => {
      const [from, to] = await page.evaluate(
        (perFrame) =>
          new Promise<[number, number]>((resolve) => {
            const list = document.querySelector<HTMLElement>('[aria-label="Aligned messages"]')!
            const start = performance.now()
            const step = (now: number): void => {
              if (perFrame > 0) list.scrollTop += perFrame
              if (now - start < 3_000) requestAnimationFrame(step)
              else resolve([start, now])
            }
            requestAnimationFrame(step)
          }),
        pixels,
      )
      return frameIntervals(await probeOf(page), from, to)
    }
    // A fast flick of a wheel or trackpad, then dragging the scroll bar through the whole log.
    // BENCH_SCROLL_TRACE=file.json: a Chromium trace of the two.
    if (process.env.BENCH_SCROLL_TRACE)
      await app.browser.startTracing(page, {
        path: process.env.BENCH_SCROLL_TRACE,
        categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink'],
      })
    const flick = await frames(300)
    const drag = await frames(2_000)
    if (process.env.BENCH_SCROLL_TRACE) await app.browser.stopTracing()
    const idle = await frames(0)

    // The same logs by key: Key, then each side's key typed in (each Enter starts a comparison
    // that supersedes the one before; the right one's is measured).
    await page.getByRole('radio', { name: 'Key' }).click()
    for (const side of ['Left', 'Right']) {
      await page.getByLabel(`${side} key`).fill('$.seq')
      await page.getByLabel(`${side} key`).press('Enter')
    }
    await page.waitForFunction(() => 'keyDone' in (window as unknown as Seen).benchSeen, null, {
      timeout: 180_000,
    })
    const keyed = await page.evaluate(() => (window as unknown as Seen).benchSeen)
    const keyWorkerMs = Number(/\d+/.exec((await done.textContent()) ?? '')?.[0] ?? 0)

    const probe = await probeOf(page)
    const during = probe.tasks.filter((task) => task.start >= started && task.start <= doneAt)
    if (process.env.BENCH_DEBUG)
      console.error({
        chosen,
        started,
        firstAt,
        doneAt,
        tasks: probe.tasks.filter((task) => task.start >= chosen),
        frameGaps: probe.frames
          .filter((time) => time >= started && time <= doneAt)
          .map((time, i, all) => Math.round(time - (all[i - 1] ?? started)))
          .filter((gap) => gap > 20),
      })
    return {
      messages,
      firstResultsMs: firstAt - started,
      doneMs: doneAt - started,
      workerMs,
      key: { doneMs: keyed.keyDone! - keyed.keyStarted!, workerMs: keyWorkerMs },
      longestTaskMs: Math.max(0, ...during.map((task) => task.duration)),
      longTasks: during.length,
      flick: framesOf(flick),
      drag: framesOf(drag),
      idleFrameP99Ms: quantile(idle, 0.99),
    }
  } finally {
    await app.close()
  }
}

if (process.argv[1] === import.meta.filename) {
  console.log(await runCompareUiBench(Number(process.argv[2] ?? 1_000_000)))
}
