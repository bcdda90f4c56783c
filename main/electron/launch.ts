import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { runCli } from '../host/cli/run-cli.ts'
import { packageRoot } from '../host/paths.ts'
import { findElectronBinary } from './electron-binary.ts'

/**
 * `npm start`: launches the built app in Electron; where Electron cannot run, says why in one
 * paragraph and runs browser mode instead. Arguments go to browser mode (`--port`, `--no-open`…).
 */
const args = process.argv.slice(2)
const binary = findElectronBinary()
const headless =
  process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY

if (binary === null || headless) {
  const why =
    binary === null
      ? 'Electron’s binary is not installed: npm installs the electron package, but the binary ' +
        'itself is downloaded from GitHub on first use, and that download did not happen or was ' +
        'blocked. To get it, run "npx install-electron" on a machine that can reach github.com ' +
        '(or set ELECTRON_MIRROR to a mirror you can reach), then "npm start" again.'
      : 'No display was found (neither DISPLAY nor WAYLAND_DISPLAY is set), so Electron cannot ' +
        'open a window here.'
  console.error(`${why}\nStarting browser mode instead: open the URL below in any browser.\n`)
  process.exitCode = await runCli(['app', ...args])
} else {
  const electronArgs = [join(packageRoot(), 'out', 'main', 'index.js')]
  // Chromium refuses to run as root with its sandbox on; the renderer stays sandboxed by Electron.
  if (process.getuid?.() === 0) electronArgs.push('--no-sandbox')
  const child = spawn(binary, electronArgs, { stdio: 'inherit' })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0)
  })
}
