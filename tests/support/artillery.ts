import { spawn } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { ARTILLERY_VERSION } from '../../main/common/scenario/artillery-export.ts'

/**
 * Artillery (about 460 MB installed) is not a dependency: the test that runs an exported script
 * fetches the pinned version from the npm registry once, into a cache folder outside the project.
 * Resolves to its command, or to why it could not be had (the test then says so and skips).
 */
export async function ensureArtillery(): Promise<{ bin: string } | { skip: string }> {
  const dir = join(
    process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'),
    'realtime-playground',
    `artillery-${ARTILLERY_VERSION}`,
  )
  const bin = join(dir, 'node_modules', '.bin', 'artillery')
  if (existsSync(bin)) return { bin }
  mkdirSync(dir, { recursive: true })
  const result = await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefix', dir, `artillery@${ARTILLERY_VERSION}`],
    // Artillery's Playwright engine would download a browser from a CDN: not needed here.
    { PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
    600_000,
  )
  if (result.code !== 0 || !existsSync(bin))
    return {
      skip: `Artillery ${ARTILLERY_VERSION} could not be installed from the npm registry: ${result.output.slice(-400)}`,
    }
  return { bin }
}

/** Runs a command to its end: exit code and output (stdout and stderr together). */
export function run(
  command: string,
  args: readonly string[],
  env: Record<string, string> = {},
  timeoutMs = 120_000,
  cwd?: string,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, cwd })
    let output = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      resolve({ code: null, output: `${output}\n${error.message}` })
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}
