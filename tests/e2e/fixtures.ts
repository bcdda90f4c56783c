import { test as base, expect } from '@playwright/test'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { packageRoot } from '../../main/host/paths.ts'

export interface RunningApp {
  /** The URL the CLI printed, token included. */
  url: string
  origin: string
  token: string
}

/**
 * Runs the built command line (`realtime-playground <args>`) the way a user does and resolves with
 * the first URL printed on a line matching `pattern`.
 */
async function runCli(
  args: string[],
  pattern: RegExp,
): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn(process.execPath, [join(packageRoot(), 'out', 'main', 'cli.js'), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const lines = createInterface({ input: child.stdout })
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`realtime-playground ${args.join(' ')} exited with ${code}`)),
    )
    lines.on('line', (line) => {
      const match = pattern.exec(line)
      if (match) resolve(match[1]!)
    })
  })
  return { url, process: child }
}

/**
 * Browser mode, as `realtime-playground app` runs it, with its own data folder (or `dataDir`), on
 * a free port (or `port`: the page's origin, and so its local storage, stay the same across runs).
 */
export async function startBrowserModeApp(
  dataDir?: string,
  port = 0,
): Promise<{ app: RunningApp; process: ChildProcess }> {
  dataDir ??= await mkdtemp(join(tmpdir(), 'rp-e2e-'))
  const { url, process } = await runCli(
    ['app', '--port', String(port), '--no-open', '--data-dir', dataDir],
    /^Realtime Playground: (http:\/\/\S+)$/,
  )
  const parsed = new URL(url)
  return {
    app: { url, origin: parsed.origin, token: parsed.searchParams.get('token') ?? '' },
    process,
  }
}

export const test = base.extend<
  { freshApp: RunningApp },
  { runningApp: RunningApp; demoServerUrl: string }
>({
  /** An app of its own for one test: its demo server and connections start from nothing. */
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture takes from this pattern
  freshApp: async ({}, use) => {
    const { app, process: child } = await startBrowserModeApp()
    await use(app)
    child.kill('SIGTERM')
  },
  runningApp: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture takes from this pattern
    async ({}, use) => {
      const { app, process: child } = await startBrowserModeApp()
      await use(app)
      child.kill('SIGTERM')
    },
    { scope: 'worker' },
  ],
  demoServerUrl: [
    // eslint-disable-next-line no-empty-pattern -- as above
    async ({}, use) => {
      const { url, process: child } = await runCli(
        ['serve', '--port', '0'],
        /^Demo server: (http:\/\/\S+)$/,
      )
      await use(url)
      child.kill('SIGTERM')
    },
    { scope: 'worker' },
  ],
})

export { expect }
