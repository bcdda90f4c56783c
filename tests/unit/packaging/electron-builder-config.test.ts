import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js'
import type { Configuration, TargetConfiguration } from 'electron-builder'
import { DebugLogger } from 'builder-util'
import { beforeAll, describe, expect, it } from 'vitest'
import { packageRoot } from '../../../main/host/paths.ts'

/** electron-builder.yml, read and validated by electron-builder's own loader and schema. */
let config: Configuration

beforeAll(async () => {
  config = await getConfig(packageRoot(), null, null)
  await validateConfiguration(config, new DebugLogger(false))
})

const targetsOf = (platform: 'linux' | 'mac' | 'win'): string[] => {
  const target = config[platform]?.target
  const list = (Array.isArray(target) ? target : [target]) as (string | TargetConfiguration)[]
  return list.map((entry) => (typeof entry === 'string' ? entry : entry.target))
}

describe('electron-builder.yml', () => {
  it('sets every fuse the security checklist asks for', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    })
    expect(config.asar).toBe(true)
  })

  it('builds AppImage and deb, dmg, and nsis installers', () => {
    expect(targetsOf('linux')).toEqual(['AppImage', 'deb'])
    expect(targetsOf('mac')).toEqual(['dmg'])
    expect(targetsOf('win')).toEqual(['nsis'])
  })

  it('names the app and its artifacts with version and architecture', () => {
    expect(config.appId).toBe('dev.realtime-playground.app')
    expect(config.productName).toBe('Realtime Playground')
    for (const name of [config.artifactName, config.nsis?.artifactName]) {
      expect(name).toContain('${version}')
      expect(name).toContain('${arch}')
    }
  })

  it('makes every platform’s icons from one committed image, large enough for macOS', () => {
    expect(config.icon).toBe('build/icon.png')
    const png = readFileSync(join(packageRoot(), 'build', 'icon.png'))
    expect(png.subarray(1, 4).toString()).toBe('PNG')
    // IHDR: width and height, big-endian, at bytes 16 and 20.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024])
  })

  it('ships only the build output and package.json', () => {
    expect(config.files).toEqual([{ filter: ['out/**', 'package.json'] }])
  })
})
