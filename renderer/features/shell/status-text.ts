import type { AppInfo, Shell } from '#common/contract/index.ts'
import type { HostLink } from '../../stores/app.ts'

export function shellLabel(shell: Shell): string {
  switch (shell) {
    case 'electron':
      return 'Desktop app'
    case 'browser':
      return 'Browser mode'
    default:
      return shell satisfies never
  }
}

/** "Electron 45.4.1 · Chromium 140.0.7339.41 · Node 24.21.0", leaving out what is unknown. */
export function runtimeVersions({ versions }: AppInfo): string {
  return [
    versions.electron && `Electron ${versions.electron}`,
    versions.chromium && `Chromium ${versions.chromium}`,
    `Node ${versions.node}`,
  ]
    .filter(Boolean)
    .join(' · ')
}

export function linkStatus(link: HostLink): { tone: 'ok' | 'warn' | 'danger'; text: string } {
  switch (link) {
    case 'connecting':
      return { tone: 'warn', text: 'Connecting to the app…' }
    case 'connected':
      return { tone: 'ok', text: 'Connected' }
    case 'lost':
      return { tone: 'danger', text: 'Disconnected' }
    default:
      return link satisfies never
  }
}
