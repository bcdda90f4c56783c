import { inject, type InjectionKey } from 'vue'
import type { AppBridge } from './connect-to-app.ts'

export const appBridgeKey: InjectionKey<AppBridge> = Symbol('appBridge')

/** The bridge provided at mount; for stores, never for components. */
export function useAppBridge(): AppBridge {
  const bridge = inject(appBridgeKey)
  if (!bridge)
    throw new Error('useAppBridge() needs the app bridge provided at mount (renderer/main.ts)')
  return bridge
}
