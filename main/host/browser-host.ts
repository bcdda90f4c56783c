import { randomBytes, timingSafeEqual } from 'node:crypto'
import { existsSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { join } from 'node:path'
import { WebSocketServer } from 'ws'
import type { AppApi, AppEvents } from '#common/contract/index.ts'
import {
  allowedHosts,
  hostRefusal,
  isAllowedOrigin,
  upgradeRefusal,
  urlHostOf,
} from '#common/net/loopback-host.ts'
import { RPC_DOWN_PATH, RPC_PATH, serveApi, type EventHub } from '#common/rpc/index.ts'
import { rendererContentSecurityPolicy } from '#common/security/content-security-policy.ts'
import { RpcChannel } from './rpc-channels.ts'
import { findStaticFile, loadStaticFiles, type StaticFile } from './static-files.ts'

export interface BrowserHostOptions {
  api: AppApi
  events: EventHub<AppEvents>
  /** The built renderer (`out/renderer`). */
  rendererDir: string
  /** Default 127.0.0.1. Any other address must be asked for explicitly. */
  host?: string
  /** Default 0: a free port. */
  port?: number
  /** The secret `/rpc` requires; default 32 random bytes. */
  token?: string
  limits?: Partial<BrowserHostLimits>
  onInternalError?: (error: unknown, method: string) => void
  /** Told when a client is dropped for not reading what it is sent. */
  onWarning?: (message: string) => void
}

export interface BrowserHostLimits {
  /** The largest message an `/rpc` client may send (an import, say), in bytes. */
  maxMessageBytes: number
  /**
   * Bytes queued for one `/rpc` client beyond which it is dropped: the renderer acknowledges
   * batches and never gets near it; a client that stops reading would otherwise make the host
   * buffer its whole stream.
   */
  maxQueuedBytes: number
}

export const DEFAULT_BROWSER_HOST_LIMITS: BrowserHostLimits = {
  maxMessageBytes: 64 * 1024 * 1024,
  maxQueuedBytes: 64 * 1024 * 1024,
}

export interface BrowserHost {
  /** The page to open, token included. */
  url: string
  port: number
  token: string
  close(): Promise<void>
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': rendererContentSecurityPolicy({ connectToSelf: true }),
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // The page URL carries the token: never leak it in a Referer.
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
}

/**
 * Browser mode: serves the built renderer and the AppApi over a WebSocket at `/rpc` (and the
 * host's messages down `/rpc/down`, see RpcChannel), on loopback. `/rpc` requires the per-run
 * token, and both HTTP and upgrades require an exact Host (the DNS-rebinding guard); upgrades
 * also require the host's own Origin.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const indexFile = join(options.rendererDir, 'index.html')
  if (!existsSync(indexFile)) {
    throw new Error(
      `The renderer is not built: ${indexFile} is missing. Run "npm run build" first.`,
    )
  }
  const files = await loadStaticFiles(options.rendererDir)
  const limits = { ...DEFAULT_BROWSER_HOST_LIMITS, ...options.limits }
  const bindHost = options.host ?? '127.0.0.1'
  const token = options.token ?? randomBytes(32).toString('base64url')
  const tokenBytes = Buffer.from(token)
  let hosts: ReadonlySet<string> = new Set()

  /** Open `/rpc` clients by the channel id they chose, for their down streams to find. */
  const channels = new Map<string, RpcChannel>()

  const server = createServer({ requestTimeout: 30_000 }, (request, response) => {
    const { pathname, searchParams } = new URL(request.url ?? '/', 'http://localhost')
    if (pathname === RPC_DOWN_PATH && !hostRefusal(request.rawHeaders, hosts)) {
      const channel = tokenMatches(searchParams.get('token'), tokenBytes)
        ? channels.get(searchParams.get('channel') ?? '')
        : undefined
      if (!channel?.attachDown(response))
        sendText(response, 404, 'No open /rpc client has this channel, or it has a stream already.')
      return
    }
    serveHttp(request, response, files, hosts)
  })
  const rpcServer = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes })

  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => socket.destroy())
    const refusal = checkUpgrade(request, hosts, tokenBytes)
    if (refusal) {
      socket.end(upgradeRefusal(refusal.status, refusal.reason))
      return
    }
    rpcServer.handleUpgrade(request, socket, head, (webSocket) => {
      const channel = new RpcChannel(webSocket, limits.maxQueuedBytes, (warning) =>
        options.onWarning?.(warning),
      )
      const id = new URL(request.url ?? '/', 'http://localhost').searchParams.get('channel')
      if (id !== null && !channels.has(id)) channels.set(id, channel)
      const stopServing = serveApi(options.api, options.events, channel.transport, {
        onInternalError: options.onInternalError,
      })
      webSocket.on('error', () => webSocket.terminate())
      webSocket.on('close', () => {
        stopServing()
        channel.close()
        if (id !== null && channels.get(id) === channel) channels.delete(id)
      })
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, bindHost, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  hosts = allowedHosts(port, bindHost)

  return {
    url: `http://${urlHostOf(bindHost)}:${port}/?token=${token}`,
    port,
    token,
    async close() {
      for (const client of rpcServer.clients) client.close(1001, 'The app is shutting down')
      rpcServer.close()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
}

function serveHttp(
  request: IncomingMessage,
  response: ServerResponse,
  files: ReadonlyMap<string, StaticFile>,
  hosts: ReadonlySet<string>,
): void {
  const refusal = hostRefusal(request.rawHeaders, hosts)
  if (refusal) {
    sendText(response, refusal.status, refusal.message)
    return
  }
  const { pathname } = new URL(request.url ?? '/', 'http://localhost')
  if (pathname === RPC_PATH) {
    sendText(response, 426, 'The API is served over a WebSocket at /rpc.')
    return
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD')
    sendText(response, 405, `Method ${request.method ?? ''} is not allowed.`)
    return
  }
  const file = findStaticFile(files, pathname)
  if (!file) {
    sendText(response, 404, `Not found: ${pathname}`)
    return
  }
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': file.contentType,
    'Content-Length': file.body.length,
    'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  })
  response.end(request.method === 'HEAD' ? undefined : file.body)
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' })
  response.end(`${text}\n`)
}

interface Refusal {
  status: number
  reason: string
}

/** Why an upgrade to `/rpc` is refused, or null when it may proceed. */
function checkUpgrade(
  request: IncomingMessage,
  hosts: ReadonlySet<string>,
  token: Buffer,
): Refusal | null {
  const url = new URL(request.url ?? '/', 'http://localhost')
  const hostProblem = hostRefusal(request.rawHeaders, hosts)
  if (hostProblem?.status === 400) return { status: 400, reason: 'More than one Host header' }
  if (hostProblem) return { status: 403, reason: "Host header is not this app's address" }
  if (url.pathname !== RPC_PATH) return { status: 404, reason: 'Not Found' }
  if (!isAllowedOrigin(request.headers.origin, hosts)) {
    return { status: 403, reason: 'Origin is not this app' }
  }
  if (!tokenMatches(url.searchParams.get('token'), token)) {
    return { status: 401, reason: 'Missing or wrong token' }
  }
  return null
}

function tokenMatches(candidate: string | null, token: Buffer): boolean {
  if (candidate === null) return false
  const bytes = Buffer.from(candidate)
  return bytes.length === token.length && timingSafeEqual(bytes, token)
}
