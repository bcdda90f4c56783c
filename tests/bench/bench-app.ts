/**
 * The app as the Chromium benchmarks drive it: the built browser mode in a child process, Debian's
 * Chromium, and a probe in the page that records frames, long tasks and input latency where they
 * happen (the driver's round trips are never what is measured).
 */
import { chromium, type Browser, type Page } from '@playwright/test'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { WebSocket } from 'ws'
import { createApiClient, createWebSocketTransport } from '../../main/common/rpc/index.ts'
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/chromium.ts'
import { scratchDir } from './scratch.ts'

const here = import.meta.dirname

/** What the page keeps for the benchmark (see `probe`). */
export interface Probe {
  /** Every animation frame's time. */
  frames: number[]
  /** Long tasks (over 50 ms) on the page's main thread. */
  tasks: { start: number; duration: number }[]
  /** Input handled, from the input to the next paint (Event Timing: over 16 ms only). */
  inputs: { name: string; start: number; duration: number }[]
}

export interface BenchApp {
  url: string
  browser: Browser
  close(): Promise<void>
}

/** Starts browser mode on a scratch data folder, and Chromium. */
export async function startBenchApp(): Promise<BenchApp> {
  const dataDir = await scratchDir('app')
  const child = spawn(
    process.execPath,
    [
      // BENCH_HOST_PROFILE=folder: the app host's CPU profile, for DevTools.
      ...(process.env.BENCH_HOST_PROFILE
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_HOST_PROFILE}`]
        : []),
      join(here, '../../out/main/cli.js'),
      ...['app', '--port', '0', '--no-open', '--data-dir', dataDir],
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  let url = ''
  for await (const line of createInterface({ input: child.stdout })) {
    const match = /^Realtime Playground: (\S+)$/.exec(line)
    if (match) {
      url = match[1]!
      break
    }
  }
  if (!url) throw new Error('The app did not start')
  const browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    args: CHROMIUM_ARGS,
  })
  return {
    url,
    browser,
    async close() {
      await browser.close()
      child.kill('SIGINT')
      await once(child, 'exit')
    },
  }
}

/**
 * A page whose probe (window.benchProbe) records from the first frame on; `beforeLoad` may add
 * init scripts of its own.
 */
export async function probedPage(
  app: BenchApp,
  settings: Record<string, unknown> = {},
  beforeLoad: (page: Page) => Promise<unknown> = async () => {},
): Promise<Page> {
  const page = await app.browser.newPage({ viewport: { width: 1440, height: 900 } })
  await page.addInitScript((stored) => {
    if (Object.keys(stored).length > 0)
      localStorage.setItem('realtime-playground:settings', JSON.stringify(stored))
    const probe: Probe = { frames: [], tasks: [], inputs: [] }
    Object.assign(window, { benchProbe: probe })
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        probe.tasks.push({ start: entry.startTime, duration: entry.duration })
    }).observe({ type: 'longtask', buffered: true })
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        probe.inputs.push({ name: entry.name, start: entry.startTime, duration: entry.duration })
    }).observe({ type: 'event', buffered: true, durationThreshold: 16 } as PerformanceObserverInit)
    const frame = (time: number): void => {
      probe.frames.push(time)
      requestAnimationFrame(frame)
    }
    requestAnimationFrame(frame)
  }, settings)
  await beforeLoad(page)
  await forgetTabs(app)
  await page.goto(app.url)
  return page
}

/**
 * Empties the kept workspace, so a new page starts with no tabs: the app brings back the tabs of
 * the last page, with their rows from the journal, and that work would be measured with the next.
 */
async function forgetTabs(app: BenchApp): Promise<void> {
  const url = new URL(app.url)
  const socket = new WebSocket(`ws://${url.host}/rpc?token=${url.searchParams.get('token')}`, {
    origin: url.origin,
  })
  await once(socket, 'open')
  const api = createApiClient(createWebSocketTransport(socket), { timers: globalThis })
  await api.saveWorkspace({ tabs: [], activeIndex: -1 })
  socket.close()
}

/** The probe's records so far. */
export function probeOf(page: Page): Promise<Probe> {
  return page.evaluate(() => (window as unknown as { benchProbe: Probe }).benchProbe)
}

/** Intervals between the frames in [from, to]. */
export function frameIntervals(probe: Probe, from: number, to: number): number[] {
  const times = probe.frames.filter((time) => time >= from && time <= to)
  return times.slice(1).map((time, i) => time - times[i]!)
}

/**
 * A reader of the CPU time of all of `browser`'s processes so far, in ms (Chromium's own counts):
 * the page's threads, the compositor, rastering, the GPU process, the network service.
 */
export async function chromiumCpu(
  browser: Browser,
): Promise<{ readMs(): Promise<number>; detach(): Promise<void> }> {
  const cdp = await browser.newBrowserCDPSession()
  return {
    async readMs() {
      const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as {
        processInfo: { cpuTime: number }[]
      }
      return processInfo.reduce((sum, process) => sum + process.cpuTime, 0) * 1000
    },
    detach: () => cdp.detach(),
  }
}

/** The value below which `q` of `values` fall. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0
}
