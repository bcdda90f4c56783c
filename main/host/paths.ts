import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'

/**
 * The package's root folder, found from this module whether it runs from source
 * (`main/host/`) or bundled (`out/main/`).
 */
export function packageRoot(from: string = import.meta.dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir
    if (dirname(dir) === dir) throw new Error(`No package.json above ${from}`)
  }
}

/** The built renderer that both shells load. */
export function rendererDir(): string {
  return join(packageRoot(), 'out', 'renderer')
}

/**
 * Where browser mode keeps its data unless `--data-dir` says otherwise: the platform's per-user data
 * folder (`$XDG_DATA_HOME/realtime-playground` on Linux). Electron uses its own `userData` instead.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const name = 'realtime-playground'
  switch (platform) {
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), name)
    case 'darwin':
      return join(home, 'Library', 'Application Support', name)
    default:
      return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), name)
  }
}
