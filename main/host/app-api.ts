import type { AppApi, AppEvents, AppInfo, Shell } from '#common/contract/index.ts'
import { createEventHub, type EventHub } from '#common/rpc/index.ts'
import { createConnectionManager } from '../connections/connection-manager.ts'
import { createScenarioControl } from '../scenarios/scenario-control.ts'
import { NO_ENCRYPTION, type SecretCodec } from '../sessions/secrets.ts'
import { createDemoServerControl } from './demo-server-control.ts'
import { PRODUCT } from './product.ts'
import { createSessionServices } from './session-api.ts'
import { asPromise } from './as-promise.ts'

export interface AppApiOptions {
  shell: Shell
  dataDir: string
  /** Runtime versions the shell knows; browser mode knows only Node's. */
  versions?: { electron?: string; chromium?: string }
  /** How secret values are encrypted at rest: Electron's safeStorage, or nothing. */
  secrets?: SecretCodec
  /** Journals every connection (default); false keeps nothing (a benchmark's baseline). */
  journal?: boolean
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
  const sessions = createSessionServices(options.dataDir, options.secrets ?? NO_ENCRYPTION, events)
  const connections = createConnectionManager({
    onSnapshot: (snapshot) => events.emit('connection', snapshot),
    onBatch: (batch) => {
      scenarios.deliver(batch)
      return events.emit('messages', batch) > 0
    },
    ...(options.journal === false ? {} : { journal: sessions.journals.factory }),
  })
  const scenarios = createScenarioControl(connections, (event) => events.emit('scenario', event))

  const api: AppApi = {
    getAppInfo: () => Promise.resolve(appInfo),
    startDemoServer: (startOptions = {}) => demoServer.start(startOptions),
    stopDemoServer: () => demoServer.stop(),
    getDemoServerStatus: () => Promise.resolve(demoServer.status()),
    connect: (request, connectOptions) =>
      asPromise(() => connections.connect(request, connectOptions?.keepIn)),
    disconnect: (id, code, reason) => asPromise(() => connections.disconnect(id, code, reason)),
    send: (id, message) => asPromise(() => connections.send(id, message)),
    ping: (id, data) => asPromise(() => connections.ping(id, data)),
    listConnections: () => asPromise(() => connections.list()),
    getMessage: (id, seq) => asPromise(() => connections.getMessage(id, seq)),
    ackMessages: (id, batch) => asPromise(() => connections.ack(id, batch)),
    startScenario: (request, steps, variables, scenarioOptions) =>
      asPromise(() => scenarios.start(request, steps, variables, scenarioOptions?.keepIn)),
    stopScenario: (scenarioId) => asPromise(() => scenarios.stop(scenarioId)),
    removeConnection: (id) => asPromise(() => connections.remove(id)),
    ...sessions.api,
  }

  return {
    api,
    events,
    async close() {
      scenarios.stopAll()
      connections.closeAll()
      await sessions.close()
      await demoServer.stop()
    },
  }
}
