import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultDataDir, packageRoot } from '../../../main/host/paths.ts'

describe('defaultDataDir', () => {
  it('uses $XDG_DATA_HOME on Linux', () => {
    expect(defaultDataDir({ XDG_DATA_HOME: '/data' }, 'linux', '/home/ada')).toBe(
      '/data/realtime-playground',
    )
  })

  it('falls back to ~/.local/share on Linux when $XDG_DATA_HOME is unset or empty', () => {
    expect(defaultDataDir({}, 'linux', '/home/ada')).toBe(
      '/home/ada/.local/share/realtime-playground',
    )
    expect(defaultDataDir({ XDG_DATA_HOME: '' }, 'linux', '/home/ada')).toBe(
      '/home/ada/.local/share/realtime-playground',
    )
  })

  it('uses Application Support on macOS', () => {
    expect(defaultDataDir({}, 'darwin', '/Users/ada')).toBe(
      '/Users/ada/Library/Application Support/realtime-playground',
    )
  })

  it('uses %APPDATA% on Windows', () => {
    expect(
      defaultDataDir({ APPDATA: 'C:/Users/ada/AppData/Roaming' }, 'win32', 'C:/Users/ada'),
    ).toBe(join('C:/Users/ada/AppData/Roaming', 'realtime-playground'))
  })
})

describe('packageRoot', () => {
  it('finds the folder holding package.json', () => {
    expect(existsSync(join(packageRoot(), 'package.json'))).toBe(true)
    expect(existsSync(join(packageRoot(), 'main', 'host', 'paths.ts'))).toBe(true)
  })
})
