import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/**
 * The path of Electron's binary, or null when it is not installed. Reads what the `electron`
 * package would return, without its download-on-first-use: that download fails on machines that
 * reach only the npm registry, and it must not hang `npm start` there.
 */
export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): string | null {
  let packageDir: string
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  } catch {
    return null
  }
  const pathFile = join(packageDir, 'path.txt')
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : null
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    return join(env.ELECTRON_OVERRIDE_DIST_PATH, executable ?? 'electron')
  }
  if (executable === null) return null
  const binary = join(packageDir, 'dist', executable)
  return existsSync(binary) ? binary : null
}
