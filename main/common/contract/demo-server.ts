/** The two protocols the demo server (and the whole app) speaks. */
export type RealtimeProtocol = 'sse' | 'ws'

export interface DemoEndpointParam {
  name: string
  description: string
  /** A value worth trying, shown in the endpoint list. */
  example?: string
}

/** One endpoint of the demo server, as listed at `GET /api/endpoints`. */
export interface DemoEndpoint {
  path: string
  protocol: RealtimeProtocol
  /** HTTP methods for SSE endpoints; WebSocket endpoints are reached by an upgrade. */
  methods: string[]
  title: string
  description: string
  params: DemoEndpointParam[]
  /** A path with a query string that shows the endpoint off, e.g. `/sse/stream?rate=5&ids=1`. */
  example: string
}

export interface DemoClient {
  /** The endpoint's path, e.g. `/ws/echo`. */
  endpoint: string
  remoteAddress: string
}

export type DemoServerStatus =
  | { running: false }
  | {
      running: true
      url: string
      host: string
      port: number
      endpoints: DemoEndpoint[]
      /** Connected clients per endpoint path; endpoints without clients are absent. */
      clients: Record<string, number>
      totalClients: number
      /** The connection cap. */
      maxClients: number
      /** Origins whose pages may connect, besides this machine's (see StartDemoServerOptions). */
      allowOrigins: string[]
    }

export type RunningDemoServerStatus = Extract<DemoServerStatus, { running: true }>

/** What the demo server tells the app: starts and stops, clients coming and going. */
export type DemoServerEvent =
  | { kind: 'started'; status: RunningDemoServerStatus }
  | { kind: 'stopped'; status: { running: false } }
  | {
      kind: 'client-connected' | 'client-disconnected'
      client: DemoClient
      status: RunningDemoServerStatus
    }
