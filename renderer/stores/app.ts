import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AppInfo } from '#common/contract/index.ts'
import { useAppBridge } from '../bridge/injection.ts'
import { onMac } from '../bridge/platform.ts'
import { shortcutLabel } from '../features/workspace/shortcuts.ts'

export type HostLink = 'connecting' | 'connected' | 'lost'

/** Who we are talking to: the app's identity from `getAppInfo()`, and the state of the link. */
export const useAppStore = defineStore('app', () => {
  const bridge = useAppBridge()
  const info = ref<AppInfo | null>(null)
  const link = ref<HostLink>('connecting')
  const linkError = ref<string | null>(null)

  bridge.onDisconnect((reason) => {
    link.value = 'lost'
    linkError.value = reason
  })

  async function load(): Promise<void> {
    try {
      info.value = await bridge.api.getAppInfo()
      link.value = 'connected'
    } catch (error) {
      link.value = 'lost'
      linkError.value = error instanceof Error ? error.message : String(error)
    }
  }

  const mac = onMac()
  /** How a shortcut is typed in this shell, on this platform: "Ctrl+S", "⌘S", "Alt+T"… */
  function shortcut(action: Parameters<typeof shortcutLabel>[0]): string {
    return shortcutLabel(action, bridge.shell, mac)
  }

  return { info, link, linkError, shell: bridge.shell, load, shortcut }
})
