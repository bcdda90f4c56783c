import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  electronInstaller,
  findElectronBinary,
} from '../../../../main/host/desktop/electron-binary.ts'
import {
  electronArguments,
  hasDisplay,
  planLaunch,
  runInstaller,
  type LaunchEnvironment,
} from '../../../../main/host/desktop/launch-plan.ts'
import { tempDir } from '../../../support/temp-dir.ts'

/**
 * A fake `electron` package: its install.js is the given script, run by the real `runInstaller`;
 * "succeeds" writes path.txt and a binary as Electron's installer does.
 */
function fakeElectronPackage(installScript: string): string {
  const dir = tempDir('rp-electron-')
  writeFileSync(join(dir, 'package.json'), '{"name":"electron","version":"45.0.0"}')
  writeFileSync(join(dir, 'install.js'), installScript)
  return dir
}

const SUCCEEDS = `
const { mkdirSync, writeFileSync } = require('node:fs')
const { join } = require('node:path')
mkdirSync(join(__dirname, 'dist'), { recursive: true })
writeFileSync(join(__dirname, 'dist', 'electron'), '')
writeFileSync(join(__dirname, 'path.txt'), 'electron')
`
const FAILS = `console.error('RequestError: getaddrinfo ENOTFOUND github.com'); process.exit(1)`
const HANGS = `setInterval(() => {}, 1000)`

function environmentFor(
  packageDir: string,
  display = true,
): LaunchEnvironment & { log: (line: string) => void; lines: string[] } {
  const lines: string[] = []
  return {
    findBinary: () => findElectronBinary(packageDir, {}),
    install: (timeLimitMs) =>
      runInstaller(electronInstaller(packageDir)!, timeLimitMs, { env: {}, echoErrors: () => {} }),
    hasDisplay: display,
    log: (line) => lines.push(line),
    lines,
  }
}

describe('planLaunch', () => {
  it('runs Electron at once when its binary is there', async () => {
    const dir = fakeElectronPackage(FAILS)
    mkdirSync(join(dir, 'dist'))
    writeFileSync(join(dir, 'dist', 'electron'), '')
    writeFileSync(join(dir, 'path.txt'), 'electron')
    const environment = environmentFor(dir)
    expect(await planLaunch(environment)).toEqual({
      kind: 'electron',
      binary: join(dir, 'dist', 'electron'),
    })
    expect(environment.lines).toEqual([])
  })

  it('downloads the binary on first use, saying so, then runs Electron', async () => {
    const dir = fakeElectronPackage(SUCCEEDS)
    const environment = environmentFor(dir)
    expect(await planLaunch(environment)).toEqual({
      kind: 'electron',
      binary: join(dir, 'dist', 'electron'),
    })
    expect(environment.lines).toEqual([
      expect.stringContaining('Electron is not installed yet: downloading it now'),
    ])
  })

  it('falls back to browser mode with the installer’s reason when the download fails', async () => {
    const plan = await planLaunch(environmentFor(fakeElectronPackage(FAILS)))
    expect(plan).toMatchObject({ kind: 'browser' })
    expect(plan.kind === 'browser' && plan.why).toMatch(
      /^Electron’s binary could not be downloaded: RequestError: getaddrinfo ENOTFOUND github\.com\. .*npx install-electron/,
    )
  })

  it('stops a download that hangs past the time limit, and falls back', async () => {
    const plan = await planLaunch(environmentFor(fakeElectronPackage(HANGS)), 300)
    expect(plan).toMatchObject({ kind: 'browser' })
    expect(plan.kind === 'browser' && plan.why).toContain('the download did not finish within 0 s')
  })

  it('goes straight to browser mode without a display, downloading nothing', async () => {
    const dir = fakeElectronPackage(SUCCEEDS)
    const plan = await planLaunch(environmentFor(dir, false))
    expect(plan).toMatchObject({
      kind: 'browser',
      why: expect.stringContaining('No display was found'),
    })
    expect(findElectronBinary(dir, {})).toBeNull()
  })
})

describe('hasDisplay', () => {
  it('needs X11 or Wayland on Linux only', () => {
    expect(hasDisplay({}, 'linux')).toBe(false)
    expect(hasDisplay({ DISPLAY: ':0' }, 'linux')).toBe(true)
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true)
    expect(hasDisplay({}, 'darwin')).toBe(true)
    expect(hasDisplay({}, 'win32')).toBe(true)
  })
})

describe('findElectronBinary', () => {
  it('honours ELECTRON_OVERRIDE_DIST_PATH only where the binary exists', () => {
    const dir = fakeElectronPackage(FAILS)
    const override = tempDir()
    expect(findElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: override })).toBeNull()
    writeFileSync(join(override, 'electron'), '')
    expect(findElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: override })).toBe(
      join(override, 'electron'),
    )
    expect(findElectronBinary(null, {})).toBeNull()
  })
})

describe('electronArguments', () => {
  it('turns Chromium’s sandbox off only for root, which it refuses to run as', () => {
    expect(electronArguments('/app/out/main/index.js', false)).toEqual(['/app/out/main/index.js'])
    expect(electronArguments('/app/out/main/index.js', true)).toEqual([
      '/app/out/main/index.js',
      '--no-sandbox',
    ])
  })
})
