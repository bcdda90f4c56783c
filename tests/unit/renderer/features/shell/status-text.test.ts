import { describe, expect, it } from 'vitest'
import type { AppInfo } from '#common/contract/index.ts'
import {
  linkStatus,
  runtimeVersions,
  shellLabel,
} from '../../../../../renderer/features/shell/status-text.ts'

const info = (versions: AppInfo['versions']): AppInfo => ({
  name: 'realtime-playground',
  productName: 'Realtime Playground',
  version: '1.2.3',
  shell: 'browser',
  dataDir: '/tmp/x',
  versions,
})

describe('runtimeVersions', () => {
  it('lists Electron, Chromium and Node in the desktop app', () => {
    expect(runtimeVersions(info({ node: '24.1.0', electron: '45.4.1', chromium: '140.0.1' }))).toBe(
      'Electron 45.4.1 · Chromium 140.0.1 · Node 24.1.0',
    )
  })

  it('leaves out what the shell does not know', () => {
    expect(runtimeVersions(info({ node: '24.1.0', electron: null, chromium: null }))).toBe(
      'Node 24.1.0',
    )
  })
})

describe('shellLabel', () => {
  it('names each shell', () => {
    expect(shellLabel('electron')).toBe('Desktop app')
    expect(shellLabel('browser')).toBe('Browser mode')
  })
})

describe('linkStatus', () => {
  it('shows a lost link as a danger', () => {
    expect(linkStatus('lost')).toEqual({ tone: 'danger', text: 'Disconnected' })
    expect(linkStatus('connected').tone).toBe('ok')
  })
})
