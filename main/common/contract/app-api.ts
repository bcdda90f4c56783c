import type { AppInfo } from './app-info.ts'
import type { DemoServerEvent, DemoServerStatus, RunningDemoServerStatus } from './demo-server.ts'
import { expectArgCount, noArgs, optionsArg, portValue, type ArgsGuard } from './guards.ts'

export interface StartDemoServerOptions {
  /** Default 8080, or a free port when 8080 is taken; 0 always asks for a free port. */
  port?: number
}

/**
 * The whole API the renderer (or any client) may call, declared once. Every method returns a
 * promise of plain JSON data and fails with `ApiError`.
 */
export interface AppApi {
  /** Name, version and shell of the running app, and the runtime versions where known. */
  getAppInfo(): Promise<AppInfo>

  /** Starts the built-in demo server (or returns it, if it already runs as asked). */
  startDemoServer(options?: StartDemoServerOptions): Promise<RunningDemoServerStatus>
  /** Stops the demo server, closing its clients cleanly; does nothing if it is not running. */
  stopDemoServer(): Promise<void>
  /** Whether the demo server runs, where, its endpoints and its clients per endpoint. */
  getDemoServerStatus(): Promise<DemoServerStatus>
}

/** Events the app pushes to every client: name → payload. */
export interface AppEvents {
  demoServer: DemoServerEvent
}

export type AppApiMethod = keyof AppApi

/**
 * One argument guard per method. `satisfies` makes a missing or an extra method a compile error, so
 * the runtime allowlist below cannot drift from the `AppApi` type.
 */
export const appApiGuards = {
  getAppInfo: noArgs,
  startDemoServer: (method, args) => {
    expectArgCount(method, args, 0, 1)
    const options = optionsArg(method, args[0], ['port'])
    return options.port === undefined ? [{}] : [{ port: portValue(method, options.port) }]
  },
  stopDemoServer: noArgs,
  getDemoServerStatus: noArgs,
} satisfies { [M in AppApiMethod]: ArgsGuard<Parameters<AppApi[M]>> }

/** The runtime allowlist of methods, derived from `appApiGuards`. */
export const APP_API_METHODS = Object.freeze(Object.keys(appApiGuards) as AppApiMethod[])
