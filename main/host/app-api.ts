import type { AppApi, AppEvents, AppInfo, Shell } from '#common/contract/index.ts'
import { createEventHub, type EventHub } from '#common/rpc/index.ts'
import { createConnectionManager } from '../connections/connection-manager.ts'
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
  const connections = createConnectionManager({
    onSnapshot: (snapshot) => events.emit('connection', snapshot),
    onBatch: (batch) => events.emit('messages', batch),
  })

  const api: AppApi = {
    getAppInfo: () => Promise.resolve(appInfo),
    startDemoServer: (startOptions = {}) => demoServer.start(startOptions),
    stopDemoServer: () => demoServer.stop(),
    getDemoServerStatus: () => Promise.resolve(demoServer.status()),
    connect: (request) => settle(() => connections.connect(request)),
    disconnect: (id, code, reason) => settle(() => connections.disconnect(id, code, reason)),
    send: (id, message) => settle(() => connections.send(id, message)),
    ping: (id, data) => settle(() => connections.ping(id, data)),
    listConnections: () => settle(() => connections.list()),
    getMessage: (id, seq) => settle(() => connections.getMessage(id, seq)),
    ackMessages: (id, batch) => settle(() => connections.ack(id, batch)),
    removeConnection: (id) => settle(() => connections.remove(id)),
  }

  return {
    api,
    events,
    async close() {
      connections.closeAll()
      await demoServer.stop()
    },
  }
}

/** A synchronous call as an API method: its value, or the ApiError it threw, as a promise. */
function settle<T>(run: () => T): Promise<T> {
  try {
    return Promise.resolve(run())
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)))
  }
}
