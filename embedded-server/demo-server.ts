import Koa from 'koa'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { WebSocketServer } from 'ws'
import type { DemoServerEvent, RunningDemoServerStatus } from '#common/contract/demo-server.ts'
import {
  allowedHosts,
  hostRefusal,
  isLoopbackAddress,
  upgradeRefusal,
  urlHostOf,
} from '#common/net/loopback-host.ts'
import { DEMO_ENDPOINTS, KNOWN_SUBPROTOCOLS } from './catalog.ts'
import { createClientRegistry } from './client-registry.ts'
import { createFeed } from './feed.ts'
import { renderHomePage } from './http/home-page.ts'
import { badParamsAs400, hostGuard, pageCors } from './http/http-middleware.ts'
import { createOriginPolicy } from './http/origin-policy.ts'
import { BadParam } from './params.ts'
import type { DemoServerContext, DemoServerLimits } from './server-context.ts'
import { createSseRoutes } from './sse/sse-routes.ts'
import { DemoSocket, parseDemoSocketOptions } from './ws/demo-socket.ts'
import { createWsRoutes } from './ws/ws-routes.ts'

export interface DemoServerOptions extends Partial<DemoServerLimits> {
  /** Default 127.0.0.1. Any other address is an explicit choice, and `onWarning` hears of it. */
  host?: string
  /** Default 0: a free port. */
  port?: number
  /** Messages per second of the shared feed (/ws/feed, /sse/feed; default 10). */
  feedRate?: number
  /**
   * Web pages from these origins may open the WebSockets and read the streams, besides pages on
   * this machine (see origin-policy.ts); `*` allows any page.
   */
  allowOrigins?: readonly string[]
  /** Told of what the server's operator should know: a failed handler, a public address. */
  onWarning?: (message: string) => void
}

export interface DemoServer {
  url: string
  host: string
  port: number
  status(): RunningDemoServerStatus
  /** Hears every client connecting and leaving; returns the function that stops listening. */
  subscribe(listener: (event: DemoServerEvent) => void): () => void
  /** Ends every client cleanly, stops listening, resolves when all are gone. */
  close(): Promise<void>
}

/** The connection cap unless told otherwise. */
export const DEFAULT_MAX_CLIENTS = 512

/**
 * The demo server: Koa and ws on one http.Server (`app.callback()` plus the `upgrade` event),
 * every endpoint of catalog.ts, bound to loopback unless told otherwise.
 */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const host = options.host ?? '127.0.0.1'
  const limits: DemoServerLimits = {
    maxClients: options.maxClients ?? DEFAULT_MAX_CLIENTS,
    maxPayloadBytes: options.maxPayloadBytes ?? 1024 * 1024,
    maxBufferedBytes: options.maxBufferedBytes ?? 8 * 1024 * 1024,
    heartbeatMs: options.heartbeatMs ?? 15_000,
  }
  const listeners = new Set<(event: DemoServerEvent) => void>()
  let hosts: ReadonlySet<string> = new Set()
  let url = ''
  let port = 0

  const clients = createClientRegistry(limits.maxClients, (kind, client) => {
    const event: DemoServerEvent = { kind, client, status: status() }
    for (const listener of listeners) listener(event)
  })
  const context: DemoServerContext = {
    options: limits,
    clients,
    feed: createFeed({ rate: options.feedRate ?? 10, historySize: 1000 }),
    reportFailure: (where, error) =>
      options.onWarning?.(
        `Demo server: ${where} failed and its client was ended: ${String(error)}`,
      ),
  }
  const isAcceptedOrigin = createOriginPolicy(options.allowOrigins ?? [])

  const sseRoutes = createSseRoutes(context)
  const app = new Koa()
  app.silent = true
  app.on('error', (error: Error) => options.onWarning?.(`Demo server error: ${error.message}`))
  app.use(hostGuard(() => hosts))
  app.use(pageCors((origin) => isAcceptedOrigin(origin)))
  app.use(badParamsAs400())
  app.use(async (ctx, next) => {
    const route = sseRoutes.get(ctx.path)
    if (route) {
      await route(ctx, next)
    } else if (ctx.path === '/' && ctx.method === 'GET') {
      ctx.type = 'html'
      ctx.body = renderHomePage(DEMO_ENDPOINTS, url)
    } else if (ctx.path === '/api/endpoints' && ctx.method === 'GET') {
      ctx.body = { endpoints: DEMO_ENDPOINTS }
    } else {
      ctx.status = 404
      ctx.body = `Not found: ${ctx.path}. The endpoint list is at / and /api/endpoints.\n`
    }
  })

  const wsRoutes = createWsRoutes(context)
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxPayloadBytes,
    // Offered compression is accepted. Without context takeover ws compresses only messages of at
    // least `threshold` bytes; with it, every message, one zlib round trip each (~10k msg/s).
    perMessageDeflate: { serverNoContextTakeover: true, threshold: 1024 },
    clientTracking: false,
    // The client's first offered protocol that the server knows; none known, none chosen.
    handleProtocols: (offered) =>
      [...offered].find((protocol) => KNOWN_SUBPROTOCOLS.includes(protocol)) ?? false,
  })

  const handleRequest = app.callback()
  // Koa's handler settles every request itself (errors become responses), so its promise is let go.
  const server = createServer((request, response) => void handleRequest(request, response))
  server.on('clientError', (_error, socket: Socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
    else socket.destroy()
  })
  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => socket.destroy())
    const { pathname, searchParams } = new URL(request.url ?? '/', 'http://localhost')
    const route = wsRoutes.get(pathname)
    const hostProblem = hostRefusal(request.rawHeaders, hosts)
    if (hostProblem) {
      const reason = hostProblem.status === 400 ? 'Bad Request' : 'Forbidden'
      return refuse(socket, hostProblem.status, reason, hostProblem.message)
    }
    if (!isAcceptedOrigin(request.headers.origin)) {
      return refuse(
        socket,
        403,
        'Forbidden',
        `Forbidden: pages from ${request.headers.origin} may not connect. Start the demo server with --allow-origin ${request.headers.origin} (or allow it in the app) to let them.`,
      )
    }
    if (!route) return refuse(socket, 404, 'Not Found')
    if (clients.isFull()) return refuse(socket, 503, 'Service Unavailable')
    let socketOptions
    try {
      socketOptions = parseDemoSocketOptions(searchParams)
    } catch (error) {
      if (error instanceof BadParam) return refuse(socket, 400, 'Bad Request', error.message)
      throw error
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      ws.on('error', () => ws.terminate())
      const release = clients.admit(
        { endpoint: pathname, remoteAddress: request.socket.remoteAddress ?? '' },
        {
          close: () => ws.close(1001, 'The demo server is shutting down'),
          terminate: () => ws.terminate(),
        },
      )
      ws.once('close', () => release?.())
      try {
        route(new DemoSocket(ws, socket, socketOptions, limits.maxBufferedBytes), searchParams)
      } catch (error) {
        if (error instanceof BadParam) ws.close(1008, error.message.slice(0, 120))
        else {
          context.reportFailure(pathname, error)
          ws.close(1011, 'The endpoint failed')
        }
      }
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port
  hosts = allowedHosts(port, host)
  url = `http://${urlHostOf(host)}:${port}`
  if (!isLoopbackAddress(host)) {
    options.onWarning?.(`The demo server listens on ${host}: other machines can reach it.`)
  }

  function status(): RunningDemoServerStatus {
    return {
      running: true,
      url,
      host,
      port,
      endpoints: [...DEMO_ENDPOINTS],
      clients: clients.counts(),
      totalClients: clients.total(),
      maxClients: limits.maxClients,
      allowOrigins: [...(options.allowOrigins ?? [])],
    }
  }

  return {
    url,
    host,
    port,
    status,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async close() {
      server.close()
      await clients.closeAll(2_000)
      context.feed.close()
      wss.close()
      server.closeAllConnections()
      listeners.clear()
    },
  }
}

function refuse(socket: Socket, status: number, reason: string, detail = reason): void {
  socket.end(upgradeRefusal(status, reason, detail))
}
