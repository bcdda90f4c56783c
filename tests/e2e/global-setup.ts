import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { findElectronBinary } from '../../main/host/desktop/electron-binary.ts'
import { packageRoot } from '../../main/host/paths.ts'

/** Checks once that the build the specs drive exists, and says up front what will be skipped. */
export default function globalSetup(): void {
  const cli = join(packageRoot(), 'out', 'main', 'cli.js')
  if (!existsSync(cli))
    throw new Error(`${cli} is missing: run "npm run build" before the E2E specs.`)
  if (findElectronBinary() === null) {
    console.log(
      'Electron E2E specs will be skipped: Electron’s binary is not installed on this machine ' +
        '(run "npx install-electron" where github.com is reachable to run them).',
    )
  }
}
