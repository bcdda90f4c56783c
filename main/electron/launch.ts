import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { runCli } from '../host/cli/run-cli.ts'
import {
  electronInstaller,
  electronPackageDir,
  findElectronBinary,
} from '../host/desktop/electron-binary.ts'
import {
  electronArguments,
  hasDisplay,
  planLaunch,
  runInstaller,
} from '../host/desktop/launch-plan.ts'
import { packageRoot } from '../host/paths.ts'

/**
 * `npm start`: the built app in Electron, fetching Electron's binary on first use; browser mode,
 * saying why, where that cannot be. Arguments go to browser mode (`--port`, `--no-open`…).
 */
const packageDir = electronPackageDir()
const installer = electronInstaller(packageDir)
const plan = await planLaunch({
  findBinary: () => findElectronBinary(packageDir),
  install: (timeLimitMs) =>
    installer === null
      ? Promise.resolve('the electron package is not installed (run "npm install")')
      : runInstaller(installer, timeLimitMs),
  hasDisplay: hasDisplay(),
  log: (line) => console.error(line),
})

if (plan.kind === 'browser') {
  console.error(`${plan.why}\nStarting browser mode instead: open the URL below in any browser.\n`)
  process.exitCode = await runCli(['app', ...process.argv.slice(2)])
} else {
  const mainScript = join(packageRoot(), 'out', 'main', 'index.js')
  const child = spawn(plan.binary, electronArguments(mainScript, process.getuid?.() === 0), {
    stdio: 'inherit',
  })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0)
  })
}
