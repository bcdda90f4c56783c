import {
  loadDesktopShell,
  preloadPort,
  runPreload,
} from '../support/electron-stand-in/load-desktop-shell.ts'
import { registerAppApiContract } from './app-api.contract.ts'

/**
 * Electron IPC, as the desktop app uses it: the built main bundle and the built preload, with
 * Electron's API played by the stand-in (tests/support/electron-stand-in). A fresh shell per test.
 */
registerAppApiContract(
  'Electron IPC (the built shell and preload)',
  async () => {
    const shell = await loadDesktopShell()
    const window = shell.windows[0]!
    const port = preloadPort(await runPreload(shell, window))
    return {
      transport: port.rpc,
      async close() {
        window.close()
        await shell.quitted
      },
    }
  },
  { shell: 'electron' },
)
