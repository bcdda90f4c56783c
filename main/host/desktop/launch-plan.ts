import { spawn } from 'node:child_process'

/** How `npm start` runs the app: in Electron, or in browser mode with the reason why. */
export type LaunchPlan = { kind: 'electron'; binary: string } | { kind: 'browser'; why: string }

export interface LaunchEnvironment {
  /** Electron's binary, or null when it is not installed. */
  findBinary(): string | null
  /** Runs Electron's installer; resolves null once it succeeded, or with why it failed. */
  install(timeoutMs: number): Promise<string | null>
  hasDisplay: boolean
  /** Progress for the person waiting. */
  log(line: string): void
}

/** Long enough for Electron's ~100 MB on a slow line; a blocked network fails within a second. */
export const INSTALL_TIME_LIMIT_MS = 5 * 60_000

const HOW_TO_INSTALL =
  'npm installs the electron package, but Electron itself is downloaded from GitHub on first ' +
  'use. To get it, run "npx install-electron" on a machine that can reach github.com (or set ' +
  'ELECTRON_MIRROR to a mirror you can reach), then "npm start" again.'

/**
 * Electron when it can open a window: its binary is there, or the `electron` package's own
 * installer fetched it just now, within the time limit. Browser mode otherwise, with a sentence
 * saying why. Without a display there is nothing to download for.
 */
export async function planLaunch(
  environment: LaunchEnvironment,
  timeLimitMs: number = INSTALL_TIME_LIMIT_MS,
): Promise<LaunchPlan> {
  if (!environment.hasDisplay) {
    return {
      kind: 'browser',
      why:
        'No display was found (neither DISPLAY nor WAYLAND_DISPLAY is set), so Electron cannot ' +
        'open a window here.',
    }
  }
  const installed = environment.findBinary()
  if (installed !== null) return { kind: 'electron', binary: installed }

  environment.log(
    `Electron is not installed yet: downloading it now (first start only, at most ${Math.round(timeLimitMs / 1000)} s)…`,
  )
  const failure = await environment.install(timeLimitMs)
  const binary = environment.findBinary()
  if (binary !== null) return { kind: 'electron', binary }
  return {
    kind: 'browser',
    why: `Electron’s binary could not be downloaded: ${failure ?? 'the installer finished, but the binary is not there'}. ${HOW_TO_INSTALL}`,
  }
}

/** True where a window can open: any desktop OS, or Linux with X11 or Wayland. */
export function hasDisplay(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): boolean {
  return platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY)
}

/**
 * Runs an installer script under this Node, its output shown as it goes, and stops it at the time
 * limit. Resolves null on success, otherwise with why it failed (its last line of errors).
 */
export function runInstaller(
  installer: string,
  timeLimitMs: number,
  options: { env?: NodeJS.ProcessEnv; echoErrors?: (chunk: Buffer) => void } = {},
): Promise<string | null> {
  const { env = process.env, echoErrors = (chunk) => process.stderr.write(chunk) } = options
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [installer], {
      env,
      stdio: ['ignore', 'inherit', 'pipe'],
    })
    let lastError = ''
    child.stderr.on('data', (chunk: Buffer) => {
      echoErrors(chunk)
      const lines = chunk.toString('utf8').trim().split('\n')
      lastError = lines.at(-1)?.trim() || lastError
    })
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      finish(`the download did not finish within ${Math.round(timeLimitMs / 1000)} s`)
    }, timeLimitMs)
    let finished = false
    function finish(result: string | null): void {
      if (finished) return
      finished = true
      clearTimeout(timer)
      resolve(result)
    }
    child.once('error', (error) => finish(`the installer could not start (${error.message})`))
    child.once('exit', (code, signal) => {
      if (code === 0) finish(null)
      else finish(lastError || `the installer exited with ${signal ?? `code ${code}`}`)
    })
  })
}

/** The arguments Electron's binary runs the app with. */
export function electronArguments(mainScript: string, isRoot: boolean): string[] {
  // Chromium refuses to run as root with its sandbox on; the renderer stays sandboxed by Electron.
  return isRoot ? [mainScript, '--no-sandbox'] : [mainScript]
}
