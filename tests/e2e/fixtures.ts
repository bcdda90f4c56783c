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
 * Starts the built app in browser mode the way a user does (`realtime-playground app`), one per
 * worker, and reads the URL from the one line it prints.
 */
export async function startBrowserModeApp(): Promise<{ app: RunningApp; process: ChildProcess }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'rp-e2e-'))
  const child = spawn(
    process.execPath,
    [
      join(packageRoot(), 'out', 'main', 'cli.js'),
      'app',
      '--port',
      '0',
      '--no-open',
      '--data-dir',
      dataDir,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const lines = createInterface({ input: child.stdout })
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`realtime-playground app exited with ${code}`)))
    lines.on('line', (line) => {
      const match = /^Realtime Playground: (http:\/\/\S+)$/.exec(line)
      if (match) resolve(match[1]!)
    })
  })
  const parsed = new URL(url)
  return {
    app: { url, origin: parsed.origin, token: parsed.searchParams.get('token') ?? '' },
    process: child,
  }
}

export const test = base.extend<object, { runningApp: RunningApp }>({
  runningApp: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture takes from this pattern
    async ({}, use) => {
      const { app, process: child } = await startBrowserModeApp()
      await use(app)
      child.kill('SIGTERM')
    },
    { scope: 'worker' },
  ],
})

export { expect }
