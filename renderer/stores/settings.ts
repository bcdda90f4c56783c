import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import type { TimeFormat } from '../features/message-log/row-format.ts'

const STORAGE_KEY = 'realtime-playground:settings'

export const LOG_CAPACITY_CHOICES = [10_000, 100_000, 250_000, 1_000_000] as const

interface StoredSettings {
  logCapacity: number
  timeFormat: TimeFormat
}

/** Preferences of this device: how many rows each log keeps, how times show. */
export const useSettingsStore = defineStore('settings', () => {
  const stored = readStored()
  const logCapacity = ref(stored.logCapacity ?? 100_000)
  const timeFormat = ref<TimeFormat>(stored.timeFormat ?? 'absolute')

  watch([logCapacity, timeFormat], () => {
    localStorage.setItem(
      STORAGE_KEY,
      JSON.stringify({ logCapacity: logCapacity.value, timeFormat: timeFormat.value }),
    )
  })

  return { logCapacity, timeFormat }
})

function readStored(): Partial<StoredSettings> {
  try {
    const value = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<StoredSettings>
    return typeof value === 'object' && value !== null ? value : {}
  } catch {
    return {}
  }
}
