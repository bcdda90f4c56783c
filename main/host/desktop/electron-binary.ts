import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** The installed `electron` package's folder, or null when it is not installed. */
export function electronPackageDir(): string | null {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  } catch {
    return null
  }
}

/**
 * The path of Electron's binary, or null when it is not there. Reads what the `electron` package
 * would return (`path.txt`, `ELECTRON_OVERRIDE_DIST_PATH`) without its download on first use, which
 * would block `npm start` with no progress and no time limit.
 */
export function findElectronBinary(
  packageDir: string | null = electronPackageDir(),
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  if (packageDir === null) return null
  const pathFile = join(packageDir, 'path.txt')
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null
  const binary = env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(env.ELECTRON_OVERRIDE_DIST_PATH, executable ?? 'electron')
    : executable === null
      ? null
      : join(packageDir, 'dist', executable)
  return binary !== null && existsSync(binary) ? binary : null
}

/** The `electron` package's own installer (`npx install-electron`), or null. */
export function electronInstaller(packageDir: string | null = electronPackageDir()): string | null {
  if (packageDir === null) return null
  const installer = join(packageDir, 'install.js')
  return existsSync(installer) ? installer : null
}

/** The version of Electron the `electron` package installs, or null. */
export function electronVersion(packageDir: string | null = electronPackageDir()): string | null {
  if (packageDir === null) return null
  try {
    const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
      version?: unknown
    }
    return typeof version === 'string' ? version : null
  } catch {
    return null
  }
}
