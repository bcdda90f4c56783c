/**
 * The renderer in Chromium, driven through the UI like a user:
 * - the firehose: a lossless stream from the generator as fast as it goes, rows per second into
 *   the tab's log (sequence numbers read back from it), frames, long tasks and clicks meanwhile,
 *   then the heap per row, jumps through the log and its first and last rows;
 * - wire to paint: 10,000 msg/s, from the generator stamping a message to the frame showing it.
 */
import type { Page } from '@playwright/test'
import { writeFile } from 'node:fs/promises'
import { clockOffsetMs } from '../support/clock-offset.ts'
import {
  chromiumCpu,
  frameIntervals,
  probedPage,
  probeOf,
  quantile,
  type BenchApp,
} from './bench-app.ts'

export interface FirehoseUiResult {
  rows: number
  rowsPerSecond: number
  lost: number
  skipped: number
  frameP99Ms: number
  /**
   * Frames that came more than 20 ms after the one before, and all frames: at the lossless
   * maximum a run is about a second, so its p99 is its worst frame or two.
   */
  framesOver20Ms: number
  frames: number
  /** The page left idle, the same way: this machine's frames. */
  idleFrameP99Ms: number
  longTasks: number
  longestTaskMs: number
  clicks: number
  clickP95Ms: number
  heapPerRowBytes: number
  payloadBytes: number
  jumpP95Ms: number
  /** The first and last rows the list shows at its top and bottom, by sequence number. */
  reach: { top: number; bottom: number }
}

/** What the page is given to reach the active tab's log and state (see `exposeActiveTab`). */
interface TabAccess {
  benchActiveLog(): {
    total: number
    rows(): Iterable<{ type: string; direction?: string; data?: string; count?: number }>
  }
  benchActiveState(): string | undefined
}

/**
 * Gives the page `benchActiveLog()` (the live-logs store's buffer of the active tab) and
 * `benchActiveState()` (its connection's state), so the driver polls the stores, not the DOM:
 * a locator's check lays the page out, and would be measured with it.
 */
async function exposeActiveTab(page: Page): Promise<void> {
  await page.evaluate(() => {
    type Store = {
      bufferOf(id: string): unknown
      activeId: string
      snapshotOf(id: string): { state: string } | null
    }
    const pinia = (
      document.querySelector('#app') as unknown as {
        __vue_app__: { config: { globalProperties: { $pinia: { _s: Map<string, Store> } } } }
      }
    ).__vue_app__.config.globalProperties.$pinia
    const workspace = pinia._s.get('workspace')!
    Object.assign(window, {
      benchActiveLog: () => pinia._s.get('liveLogs')!.bufferOf(workspace.activeId),
      benchActiveState: () => workspace.snapshotOf(workspace.activeId)?.state,
    })
  })
}

async function openTab(page: Page, url: string): Promise<void> {
  await page
    .getByRole('button', { name: /^New connection/ })
    .first()
    .click()
  await page.getByRole('combobox', { name: 'URL' }).fill(url)
}

/** Connects the open tab and waits until the stream has ended and the connection closed. */
async function connectAndWait(page: Page, whileStreaming: () => Promise<void>): Promise<void> {
  await exposeActiveTab(page)
  await page.getByRole('button', { name: 'Connect', exact: true }).click()
  if (process.env.HIDE_LOG) await page.getByRole('tab', { name: 'Handshake' }).click()
  const state = () => page.evaluate(() => (window as unknown as TabAccess).benchActiveState())
  const deadline = Date.now() + 180_000
  while (Date.now() < deadline && (await state()) !== 'open') await page.waitForTimeout(20)
  while (Date.now() < deadline && (await state()) !== 'closed') await whileStreaming()
  // The close comes over the API's socket, the rows over the down stream and are taken in a frame
  // at a time: the last batches may still be on their way. Done when the log stops growing.
  const total = () => page.evaluate(() => (window as unknown as TabAccess).benchActiveLog().total)
  for (let last = -1, now = await total(); now !== last && Date.now() < deadline;) {
    await page.waitForTimeout(300)
    last = now
    now = await total()
  }
}

/** The page's memory after a full collection: the JS heap and the typed arrays' buffers. */
async function heapUsed(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize, backingStorageSize } = await cdp.send('Runtime.getHeapUsage')
  await cdp.detach()
  return usedSize + backingStorageSize
}

/** `count` messages of `size` bytes from `url` into a new tab, lossless, as fast as they come. */
export async function measureFirehoseUi(
  app: BenchApp,
  url: string,
  count: number,
  size: number,
): Promise<FirehoseUiResult> {
  const page = await probedPage(app, { logCapacity: count + 1000, timeFormat: 'absolute' })
  try {
    await openTab(page, url)
    await exposeActiveTab(page)
    const heapBefore = await heapUsed(page)
    // Rows in the log, frame by frame.
    await page.evaluate(() => {
      const samples: [number, number][] = []
      Object.assign(window, { benchRows: samples })
      const sample = (time: number): void => {
        samples.push([time, (window as unknown as TabAccess).benchActiveLog().total])
        requestAnimationFrame(sample)
      }
      requestAnimationFrame(sample)
    })

    // Clicks on the rows while they stream: each selects the row under the pointer.
    const list = await page.getByRole('listbox', { name: 'Messages' }).boundingBox()
    let clicks = 0
    const started = await page.evaluate(() => performance.now())
    // BENCH_PROFILE=file.cpuprofile: the page's CPU profile while it streams, for DevTools.
    const profiler = process.env.BENCH_PROFILE ? await page.context().newCDPSession(page) : null
    await profiler?.send('Profiler.enable')
    await profiler?.send('Profiler.start')
    if (process.env.BENCH_TRACE)
      await app.browser.startTracing(page, {
        path: process.env.BENCH_TRACE,
        categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink'],
      })
    await connectAndWait(page, async () => {
      await page.waitForTimeout(250)
      await page.mouse.click(list!.x + 300, list!.y + list!.height / 2)
      clicks++
    })
    if (process.env.BENCH_TRACE) await app.browser.stopTracing()
    if (profiler) {
      const { profile } = await profiler.send('Profiler.stop')
      await writeFile(process.env.BENCH_PROFILE!, JSON.stringify(profile))
    }
    const samples = await page.evaluate(
      () => (window as unknown as { benchRows: [number, number][] }).benchRows,
    )
    // From the first rows to the last: the connect's two lifecycle rows, then `count` messages.
    const firstAt = samples.find(([, total]) => total > 2)![0]
    const lastAt = samples.find(([, total]) => total >= count + 2)?.[0] ?? samples.at(-1)![0]

    // Read the sequence numbers back from the log.
    const readBack = await page.evaluate(() => {
      const buffer = (window as unknown as TabAccess).benchActiveLog()
      const seen = new Set<number>()
      let skipped = 0
      for (const row of buffer.rows()) {
        if (row.type === 'skipped') skipped += row.count!
        if (row.type === 'message' && row.direction === 'in')
          seen.add(Number(row.data!.slice(7, row.data!.indexOf(','))))
      }
      return { seen: seen.size, skipped }
    })

    const heapAfter = await heapUsed(page)
    const probe = await probeOf(page)
    const during = probe.tasks.filter((task) => task.start >= firstAt && task.start <= lastAt)
    const clickTimes = probe.inputs
      .filter((input) => input.name === 'click' && input.start >= started)
      .map((input) => input.duration)
    // Clicks answered within 16 ms are not reported (Event Timing's floor): count them as 16.
    const clickDurations = [
      ...clickTimes,
      ...Array<number>(Math.max(0, clicks - clickTimes.length)).fill(16),
    ]

    const intervals = frameIntervals(probe, firstAt, lastAt)
    const idle = await idleFrames(page)
    const jumps = await jumpTimes(page)
    const reach = await reachOf(page)
    return {
      rows: readBack.seen,
      rowsPerSecond: count / ((lastAt - firstAt) / 1000),
      lost: count - readBack.seen,
      skipped: readBack.skipped,
      frameP99Ms: quantile(intervals, 0.99),
      framesOver20Ms: intervals.filter((interval) => interval > 20).length,
      frames: intervals.length,
      idleFrameP99Ms: quantile(idle, 0.99),
      longTasks: during.length,
      longestTaskMs: Math.max(0, ...during.map((task) => task.duration)),
      clicks,
      clickP95Ms: quantile(clickDurations, 0.95),
      heapPerRowBytes: (heapAfter - heapBefore) / count,
      payloadBytes: size,
      jumpP95Ms: quantile(jumps, 0.95),
      reach,
    }
  } finally {
    await page.close()
  }
}

export interface MemoryFlatResult {
  rows: number
  /**
   * The page's memory (JS heap and buffers, after a full collection) with a tenth of the rows
   * taken in, and with all of them: each once a stream has ended and its rows are in, so that
   * no window of batches in flight is counted in one reading and not the other.
   */
  atTenthMB: number
  atEndMB: number
}

/**
 * The page's memory as one tab takes in `count` rows with the default row limit (100,000 held,
 * the rest kept by the host's journal): a stream of a tenth of them, then, in the same tab, one
 * of the other nine tenths.
 */
export async function measureMemoryFlat(
  app: BenchApp,
  urlOf: (count: number) => string,
  count: number,
): Promise<MemoryFlatResult> {
  const page = await probedPage(app, { timeFormat: 'absolute' })
  try {
    const tenth = Math.round(count / 10)
    await openTab(page, urlOf(tenth))
    await connectAndWait(page, () => page.waitForTimeout(100))
    const atTenth = await heapUsed(page)
    await page.getByRole('combobox', { name: 'URL' }).fill(urlOf(count - tenth))
    await connectAndWait(page, () => page.waitForTimeout(100))
    return {
      rows: await page.evaluate(() => (window as unknown as TabAccess).benchActiveLog().total),
      atTenthMB: atTenth / 1024 ** 2,
      atEndMB: (await heapUsed(page)) / 1024 ** 2,
    }
  } finally {
    await page.close()
  }
}

/** Two seconds of frames with the page left alone. */
async function idleFrames(page: Page): Promise<number[]> {
  const [from, to] = await page.evaluate(
    () =>
      new Promise<[number, number]>((resolve) => {
        const start = performance.now()
        setTimeout(() => resolve([start, performance.now()]), 2_000)
      }),
  )
  return frameIntervals(await probeOf(page), from, to)
}

/**
 * Twenty jumps to random places in the log, by the scroll bar: from setting the position to the
 * frame that shows the rows there (timed in the page, after that frame's paint).
 */
async function jumpTimes(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const list = document.querySelector<HTMLElement>('[aria-label="Messages"]')!
    const afterPaint = (): Promise<void> =>
      new Promise((resolve) =>
        requestAnimationFrame(() => {
          const channel = new MessageChannel()
          channel.port1.onmessage = () => resolve()
          channel.port2.postMessage(null)
        }),
      )
    const times: number[] = []
    for (let i = 0; i < 20; i++) {
      await afterPaint()
      const start = performance.now()
      list.scrollTop = Math.random() * (list.scrollHeight - list.clientHeight)
      await afterPaint()
      times.push(performance.now() - start)
    }
    return times
  })
}

/** The sequence numbers the list shows at its very top and its very bottom. */
async function reachOf(page: Page): Promise<{ top: number; bottom: number }> {
  const list = page.getByRole('listbox', { name: 'Messages' })
  const seqShown = async (edge: 'first' | 'last'): Promise<number> => {
    const seqs = await list.locator('[role="option"]').evaluateAll((rows) =>
      rows
        .map((row) => /"seq":\s*(\d+)/.exec(row.textContent ?? '')?.[1])
        .filter((seq): seq is string => seq !== undefined)
        .map(Number),
    )
    return edge === 'first' ? Math.min(...seqs) : Math.max(...seqs)
  }
  await list.focus()
  await page.keyboard.press('Home')
  await page.waitForTimeout(300)
  const top = await seqShown('first')
  await page.keyboard.press('End')
  await page.waitForTimeout(300)
  return { top, bottom: await seqShown('last') }
}

export interface WireToPaintResult {
  frames: number
  p50Ms: number
  p99Ms: number
}

/**
 * `url` paced at 10,000 msg/s into a new tab; after every frame's paint, the newest row on screen
 * and how long ago the generator stamped it, the two processes' clocks brought together through
 * `generatorOffsetMs` (see clockOffsetMs).
 */
export async function measureWireToPaint(
  app: BenchApp,
  url: string,
  generatorOffsetMs: () => Promise<number>,
): Promise<WireToPaintResult> {
  const page = await probedPage(app, { timeFormat: 'absolute' })
  try {
    // The page's stamps less the generator's, at one moment: three pairs, the median (a step of
    // the wall clock between the two readings of a pair spoils that pair only).
    const skews: number[] = []
    for (let i = 0; i < 3; i++)
      skews.push((await page.evaluate(clockOffsetMs)) - (await generatorOffsetMs()))
    const skew = quantile(skews, 0.5)
    await openTab(page, url)
    await page.evaluate(() => {
      const delays: number[] = []
      Object.assign(window, { benchDelays: delays })
      let newest = 0
      const afterPaint = (): void => {
        let ts = 0
        for (const row of document.querySelectorAll('[aria-label="Messages"] [role="option"]'))
          ts = Math.max(ts, Number(/"ts":\s*([\d.]+)/.exec(row.textContent ?? '')?.[1] ?? 0))
        if (ts > newest) {
          newest = ts
          delays.push(performance.timeOrigin + performance.now() - ts)
        }
        requestAnimationFrame(frame)
      }
      const frame = (): void => {
        const channel = new MessageChannel()
        channel.port1.onmessage = afterPaint
        channel.port2.postMessage(null)
      }
      requestAnimationFrame(frame)
    })
    await connectAndWait(page, () => page.waitForTimeout(250))
    const delays = await page.evaluate(
      () => (window as unknown as { benchDelays: number[] }).benchDelays,
    )
    // The first second warms up (the tab opens, the list mounts).
    const steady = delays.slice(60).map((delay) => delay - skew)
    return { frames: steady.length, p50Ms: quantile(steady, 0.5), p99Ms: quantile(steady, 0.99) }
  } finally {
    await page.close()
  }
}

export interface SearchResult {
  rows: number
  query: string
  matches: number
  /** From the search starting (the typing pause over) to the first hits on screen, per repetition. */
  firstHitsMs: number[]
  /** … to the count final. */
  doneMs: number[]
}

/** The typing pause before a search starts (SEARCH_DEBOUNCE_MS in use-log-view.ts). */
const SEARCH_DEBOUNCE_MS = 150

/**
 * `count` messages into a new tab, then `query` typed into its search box three times: from the
 * search starting to the frame whose count first shows hits, and to the frame whose count is final.
 */
export async function measureSearch(
  app: BenchApp,
  url: string,
  count: number,
  query: string,
): Promise<SearchResult> {
  const page = await probedPage(app, { logCapacity: count + 1000, timeFormat: 'absolute' })
  try {
    await openTab(page, url)
    await connectAndWait(page, () => page.waitForTimeout(250))
    const rows = await page.evaluate(() => (window as unknown as TabAccess).benchActiveLog().total)
    const firstHitsMs: number[] = []
    const doneMs: number[] = []
    let matches = 0
    // BENCH_SEARCH_PROFILE=file.cpuprofile: the page's CPU profile while it searches, for DevTools.
    const profiler = process.env.BENCH_SEARCH_PROFILE
      ? await page.context().newCDPSession(page)
      : null
    await profiler?.send('Profiler.enable')
    await profiler?.send('Profiler.start')
    for (let rep = 0; rep < 3; rep++) {
      const timing = await page.evaluate(
        ([text, debounce]) =>
          new Promise<{ first: number; done: number; matches: number }>((resolve, reject) => {
            const input = document.querySelector<HTMLInputElement>(
              'input[aria-label="Search messages"]',
            )!
            const count = input.parentElement!.querySelector('.count')!
            input.value = text
            input.dispatchEvent(new Event('input'))
            const start = performance.now() + debounce
            let first = -1
            const frame = (time: number): void => {
              const shown = count.textContent?.trim() ?? ''
              // "1,234 matches" (or "3 / 1,234" once one is picked), "…" while it is still going.
              const found = /^([\d,]+) match|\/ ([\d,]+)/.exec(shown)
              if (found && first < 0) first = time - start
              if (time - start > 60_000) {
                reject(new Error(`The search did not finish within a minute: "${shown}"`))
                return
              }
              if (found && !shown.endsWith('…')) {
                resolve({
                  first,
                  done: time - start,
                  matches: Number((found[1] ?? found[2])!.replaceAll(',', '')),
                })
                return
              }
              requestAnimationFrame(frame)
            }
            requestAnimationFrame(frame)
          }),
        [query, SEARCH_DEBOUNCE_MS] as const,
      )
      firstHitsMs.push(timing.first)
      doneMs.push(timing.done)
      matches = timing.matches
      await page.getByRole('searchbox', { name: 'Search messages' }).fill('')
      await page.waitForTimeout(500)
    }
    if (profiler) {
      const { profile } = await profiler.send('Profiler.stop')
      await writeFile(process.env.BENCH_SEARCH_PROFILE!, JSON.stringify(profile))
    }
    return { rows, query, matches, firstHitsMs, doneMs }
  } finally {
    await page.close()
  }
}

export interface PageCpuResult {
  /** The page's main thread, ms busy per second: while the stream runs, and idle before it. */
  busyMsPerSecond: number
  idleMsPerSecond: number
  /** Of the busy time: script, style and layout, ms per second. */
  scriptMsPerSecond: number
  styleLayoutMsPerSecond: number
  /**
   * All of Chromium's processes, % of one core (CPU time, where the busy time above is the wall
   * time of the page's tasks, a task waiting for a core included): streaming, and idle before.
   */
  chromiumCpuPercent: number
  idleChromiumCpuPercent: number
}

/**
 * The page's main-thread time while a paced stream (`url`) runs into a new tab, per second of
 * it, from Chromium's own counters; beside it, the same page idle for as long, just before.
 */
export async function measurePageCpu(
  app: BenchApp,
  url: string,
  seconds: number,
): Promise<PageCpuResult> {
  const page = await probedPage(app, { timeFormat: 'absolute' })
  const cdp = await page.context().newCDPSession(page)
  const cpu = await chromiumCpu(app.browser)
  try {
    await cdp.send('Performance.enable')
    const metrics = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics')
      const of = (name: string) =>
        (metrics.find((metric) => metric.name === name)?.value ?? 0) * 1000
      return {
        at: performance.now(),
        cpu: await cpu.readMs(),
        busy: of('TaskDuration'),
        script: of('ScriptDuration'),
        styleLayout: of('RecalcStyleDuration') + of('LayoutDuration'),
      }
    }
    await openTab(page, url)
    const idleFrom = await metrics()
    await page.waitForTimeout(seconds * 1000)
    const idleTo = await metrics()
    await exposeActiveTab(page)
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    // Measured from the second second: the first opens the connection and mounts the rows.
    await page.waitForTimeout(1000)
    const from = await metrics()
    await page.waitForTimeout(seconds * 1000)
    const to = await metrics()
    const perSecond = (value: number, span: number) => value / (span / 1000)
    return {
      busyMsPerSecond: perSecond(to.busy - from.busy, to.at - from.at),
      idleMsPerSecond: perSecond(idleTo.busy - idleFrom.busy, idleTo.at - idleFrom.at),
      scriptMsPerSecond: perSecond(to.script - from.script, to.at - from.at),
      styleLayoutMsPerSecond: perSecond(to.styleLayout - from.styleLayout, to.at - from.at),
      chromiumCpuPercent: perSecond(to.cpu - from.cpu, to.at - from.at) / 10,
      idleChromiumCpuPercent: perSecond(idleTo.cpu - idleFrom.cpu, idleTo.at - idleFrom.at) / 10,
    }
  } finally {
    await cpu.detach()
    await cdp.detach()
    await page.close()
  }
}
