import type {
  AppEvents,
  DemoServerStatus,
  RunningDemoServerStatus,
  StartDemoServerOptions,
} from '#common/contract/index.ts'
import { ApiError } from '#common/contract/index.ts'
import type { EventHub } from '#common/rpc/index.ts'
import { originProblem, startDemoServer, type DemoServer } from '../../embedded-server/index.ts'

/** The port a user gets by default, so saved sessions keep pointing at the same URLs. */
export const DEFAULT_DEMO_PORT = 8080

export interface DemoServerControl {
  start(options: StartDemoServerOptions): Promise<RunningDemoServerStatus>
  stop(): Promise<void>
  status(): DemoServerStatus
}

/** The app's one demo server: started and stopped through the API, its news pushed as events. */
export function createDemoServerControl(events: EventHub<AppEvents>): DemoServerControl {
  let server: DemoServer | null = null
  let starting: Promise<RunningDemoServerStatus> | null = null

  async function listen(options: StartDemoServerOptions): Promise<DemoServer> {
    const port = options.port ?? DEFAULT_DEMO_PORT
    const serverOptions = {
      ...(options.maxClients !== undefined ? { maxClients: options.maxClients } : {}),
      allowOrigins: options.allowOrigins ?? [],
      onWarning: (message: string) => console.error(message),
    }
    try {
      return await startDemoServer({ ...serverOptions, port })
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      // The default port is a convenience: when it is taken, any free port will do.
      if (code === 'EADDRINUSE' && options.port === undefined)
        return startDemoServer({ ...serverOptions, port: 0 })
      if (code === 'EADDRINUSE') {
        throw new ApiError(
          'PORT_UNAVAILABLE',
          `Port ${port} is already in use; choose another port, or 0 for a free one`,
        )
      }
      if (code === 'EACCES') {
        throw new ApiError(
          'PORT_UNAVAILABLE',
          `Port ${port} needs special privileges on this system; choose a port above 1023`,
        )
      }
      throw error
    }
  }

  return {
    start(options) {
      for (const origin of options.allowOrigins ?? []) {
        const problem = originProblem(origin)
        if (problem) {
          return Promise.reject(
            new ApiError('INVALID_ARGUMENT', `startDemoServer(): allowOrigins: ${problem}`),
          )
        }
      }
      if (server) {
        if (options.port !== undefined && options.port !== 0 && options.port !== server.port) {
          return Promise.reject(
            new ApiError(
              'ALREADY_RUNNING',
              `The demo server already runs at ${server.url}; stop it to move it to port ${options.port}`,
            ),
          )
        }
        return Promise.resolve(server.status())
      }
      starting ??= (async () => {
        try {
          server = await listen(options)
          server.subscribe((event) => events.emit('demoServer', event))
          const status = server.status()
          events.emit('demoServer', { kind: 'started', status })
          return status
        } finally {
          starting = null
        }
      })()
      return starting
    },
    async stop() {
      const running = server
      if (!running) return
      server = null
      await running.close()
      events.emit('demoServer', { kind: 'stopped', status: { running: false } })
    },
    status: () => server?.status() ?? { running: false },
  }
}
