import { defineStore } from 'pinia'
import { ref, watch, type Ref } from 'vue'
import type { TimeFormat } from '../features/message-log/row-format.ts'

const STORAGE_KEY = 'realtime-playground:settings'

export const LOG_CAPACITY_CHOICES = [10_000, 100_000, 250_000, 1_000_000] as const

/** The demo server's connection cap unless the user sets another. */
export const DEFAULT_DEMO_MAX_CLIENTS = 512

interface StoredSettings {
  logCapacity: number
  timeFormat: TimeFormat
  demoMaxClients: number
  /** Origins, comma-separated, whose pages may open the demo server's WebSockets. */
  demoAllowOrigins: string
  /** The sessions sidebar is folded away (Ctrl/Cmd+B). */
  sidebarHidden: boolean
  /** URLs connected to, newest first: what the URL field suggests. */
  recentUrls: string[]
  /** Tabs that were connected when the app went away connect again when it starts. */
  reconnectOnStart: boolean
}

/** How many URLs the history keeps. */
const RECENT_URLS = 30

/** Preferences of this device: how many rows each log keeps, how times show, the demo server's. */
export const useSettingsStore = defineStore('settings', () => {
  const stored = readStored()
  const logCapacity = ref(stored.logCapacity ?? 100_000)
  const timeFormat = ref<TimeFormat>(stored.timeFormat ?? 'absolute')
  const demoMaxClients = ref(stored.demoMaxClients ?? DEFAULT_DEMO_MAX_CLIENTS)
  const demoAllowOrigins = ref(stored.demoAllowOrigins ?? '')
  const sidebarHidden = ref(stored.sidebarHidden ?? false)
  const reconnectOnStart = ref(stored.reconnectOnStart === true)
  const recentUrls = ref<string[]>(
    Array.isArray(stored.recentUrls)
      ? stored.recentUrls.filter((url) => typeof url === 'string').slice(0, RECENT_URLS)
      : [],
  )

  /** Puts `url` first in the history (once). */
  function rememberUrl(url: string): void {
    recentUrls.value = [url, ...recentUrls.value.filter((other) => other !== url)].slice(
      0,
      RECENT_URLS,
    )
  }

  const kept = {
    logCapacity,
    timeFormat,
    demoMaxClients,
    demoAllowOrigins,
    sidebarHidden,
    recentUrls,
    reconnectOnStart,
  } satisfies { [K in keyof StoredSettings]: Ref<StoredSettings[K]> }
  watch(Object.values(kept), () => {
    const settings = Object.fromEntries(
      Object.entries(kept).map(([name, setting]) => [name, setting.value]),
    ) as unknown as StoredSettings
    localStorage.setItem(STORAGE_KEY, JSON.stringify(settings))
  })

  return { ...kept, rememberUrl }
})

function readStored(): Partial<StoredSettings> {
  try {
    const value = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<StoredSettings>
    return typeof value === 'object' && value !== null ? value : {}
  } catch {
    return {}
  }
}
