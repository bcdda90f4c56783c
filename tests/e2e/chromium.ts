import { existsSync } from 'node:fs'

/**
 * Debian's Chromium (or `CHROMIUM_PATH`), since Playwright's own browser download is not available
 * everywhere; undefined falls back to Playwright's browser where it is installed.
 */
export function chromiumExecutable(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined
}

/**
 * Flags for headless runs on CI machines: no sandbox as root, and none of Chromium's own
 * background connections, which a closed network refuses many at a time.
 */
export const CHROMIUM_ARGS = [
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]
