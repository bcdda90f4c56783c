import { defineStore } from 'pinia'
import { ref, watchEffect } from 'vue'

export type ThemePreference = 'system' | 'light' | 'dark'

const STORAGE_KEY = 'realtime-playground:theme'
const PREFERENCES: readonly ThemePreference[] = ['system', 'light', 'dark']

/** Light, dark, or whatever the system says (the default); remembered on this device. */
export const useThemeStore = defineStore('theme', () => {
  const stored = localStorage.getItem(STORAGE_KEY)
  const preference = ref<ThemePreference>(
    PREFERENCES.includes(stored as ThemePreference) ? (stored as ThemePreference) : 'system',
  )

  watchEffect(() => {
    const root = document.documentElement
    if (preference.value === 'system') root.removeAttribute('data-theme')
    else root.setAttribute('data-theme', preference.value)
    localStorage.setItem(STORAGE_KEY, preference.value)
  })

  function cycle(): void {
    const next = PREFERENCES[(PREFERENCES.indexOf(preference.value) + 1) % PREFERENCES.length]
    preference.value = next ?? 'system'
  }

  return { preference, cycle }
})
