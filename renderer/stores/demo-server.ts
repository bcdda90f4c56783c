import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { DemoServerStatus } from '#common/contract/index.ts'
import { useAppBridge } from '../bridge/injection.ts'
import { useSettingsStore } from './settings.ts'

/** The built-in demo server as the app reports it: running or not, where, who is connected. */
export const useDemoServerStore = defineStore('demoServer', () => {
  const { api } = useAppBridge()
  const settings = useSettingsStore()
  const status = ref<DemoServerStatus>({ running: false })
  const busy = ref(false)
  const error = ref<string | null>(null)
  /** The port to start on; empty means the default (8080, or a free one). */
  const port = ref('')

  api.on('demoServer', (event) => {
    status.value = event.status
  })

  async function refresh(): Promise<void> {
    status.value = await api.getDemoServerStatus()
  }

  async function run(action: () => Promise<unknown>): Promise<void> {
    busy.value = true
    error.value = null
    try {
      await action()
      await refresh()
    } catch (caught) {
      error.value = caught instanceof Error ? caught.message : String(caught)
    } finally {
      busy.value = false
    }
  }

  function start(): Promise<void> {
    const wanted = port.value.trim()
    if (wanted !== '' && !/^\d+$/.test(wanted)) {
      error.value = `The port must be a number from 0 to 65535, not ${JSON.stringify(wanted)}`
      return Promise.resolve()
    }
    const allowOrigins = settings.demoAllowOrigins
      .split(/[\s,]+/)
      .map((origin) => origin.trim().replace(/\/+$/, ''))
      .filter(Boolean)
    return run(() =>
      api.startDemoServer({
        ...(wanted === '' ? {} : { port: Number(wanted) }),
        maxClients: settings.demoMaxClients,
        allowOrigins,
      }),
    )
  }

  const stop = (): Promise<void> => run(() => api.stopDemoServer())

  return { status, busy, error, port, refresh, start, stop }
})
