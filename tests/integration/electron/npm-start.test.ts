import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { expect, it } from 'vitest'
import { builtFile } from '../../support/electron-stand-in/load-desktop-shell.ts'
import { tempDir } from '../../support/temp-dir.ts'

it('npm start tries Electron’s own installer, then falls back to browser mode saying why', async () => {
  const child = spawn(
    process.execPath,
    [builtFile('main', 'launch.js'), '--no-open', '--port', '0', '--data-dir', tempDir()],
    {
      env: {
        ...process.env,
        DISPLAY: ':99',
        // Nothing installed, and a download that is refused at once: the real installer runs.
        ELECTRON_OVERRIDE_DIST_PATH: tempDir('rp-no-electron-'),
        ELECTRON_MIRROR: 'http://127.0.0.1:9/',
        electron_config_cache: tempDir('rp-electron-cache-'),
      },
    },
  )
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  try {
    const lines = createInterface({ input: child.stdout })
    const [firstLine] = (await once(lines, 'line')) as [string]
    const url = /^Realtime Playground: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/.exec(
      firstLine,
    )?.[1]
    expect(url, firstLine).toBeDefined()
    expect(stderr).toContain('Electron is not installed yet: downloading it now')
    expect(stderr).toContain('Electron’s binary could not be downloaded:')
    expect(stderr).toContain('Starting browser mode instead')
    expect((await fetch(url!)).status).toBe(200)
  } finally {
    child.kill('SIGTERM')
    await once(child, 'exit')
  }
})
