import type { AppInfo } from './app-info.ts'
import { noArgs, type ArgsGuard } from './guards.ts'

/**
 * The whole API the renderer (or any client) may call, declared once. Every method returns a
 * promise of plain JSON data and fails with `ApiError`.
 */
export interface AppApi {
  /** Name, version and shell of the running app, and the runtime versions where known. */
  getAppInfo(): Promise<AppInfo>
}

/** Events the app pushes to every client: name → payload. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the issues that add events
export interface AppEvents {}

export type AppApiMethod = keyof AppApi

/**
 * One argument guard per method. `satisfies` makes a missing or an extra method a compile error, so
 * the runtime allowlist below cannot drift from the `AppApi` type.
 */
export const appApiGuards = {
  getAppInfo: noArgs,
} satisfies { [M in AppApiMethod]: ArgsGuard<Parameters<AppApi[M]>> }

/** The runtime allowlist of methods, derived from `appApiGuards`. */
export const APP_API_METHODS = Object.freeze(Object.keys(appApiGuards) as AppApiMethod[])
