import type { AppApi, AppEvents, AppInfo, Shell } from '#common/contract/index.ts'
import { createEventHub, type EventHub } from '#common/rpc/index.ts'
import { createDemoServerControl } from './demo-server-control.ts'
import { PRODUCT } from './product.ts'

export interface AppApiOptions {
  shell: Shell
  dataDir: string
  /** Runtime versions the shell knows; browser mode knows only Node's. */
  versions?: { electron?: string; chromium?: string }
}

export interface AppApiHost {
  api: AppApi
  events: EventHub<AppEvents>
  /** Stops everything the API started (connections, servers, stores). */
  close(): Promise<void>
}

/** The composition root: builds the one AppApi implementation both shells serve. */
export function createAppApi(options: AppApiOptions): AppApiHost {
  const events = createEventHub<AppEvents>()
  const appInfo: AppInfo = {
    ...PRODUCT,
    shell: options.shell,
    dataDir: options.dataDir,
    versions: {
      node: process.versions.node,
      electron: options.versions?.electron ?? null,
      chromium: options.versions?.chromium ?? null,
    },
  }

  const demoServer = createDemoServerControl(events)

  const api: AppApi = {
    getAppInfo: () => Promise.resolve(appInfo),
    startDemoServer: (startOptions = {}) => demoServer.start(startOptions),
    stopDemoServer: () => demoServer.stop(),
    getDemoServerStatus: () => Promise.resolve(demoServer.status()),
  }

  return {
    api,
    events,
    async close() {
      await demoServer.stop()
    },
  }
}
