import { readFileSync } from 'node:fs'
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { connect, createServer as createNetServer, type AddressInfo, type Socket } from 'node:net'
import { join } from 'node:path'
import { WebSocketServer, type ServerOptions, type WebSocket } from 'ws'

export const TLS_FIXTURE = {
  cert: readFileSync(join(import.meta.dirname, '../fixtures/tls/localhost-cert.pem'), 'utf8'),
  key: readFileSync(join(import.meta.dirname, '../fixtures/tls/localhost-key.pem'), 'utf8'),
}

const fixture = (name: string): Buffer =>
  readFileSync(join(import.meta.dirname, '../fixtures/tls', name))

/** A client certificate (CN=test-client) as PEM, and as a PKCS#12 bundle (passphrase `fixture`). */
export const CLIENT_TLS_FIXTURE = {
  cert: fixture('client-cert.pem').toString('utf8'),
  key: fixture('client-key.pem').toString('utf8'),
  pfx: fixture('client.p12').toString('base64'),
  passphrase: 'fixture',
}

/** TLS that asks for a client certificate and accepts only the fixture's. */
const MUTUAL_TLS = {
  ...TLS_FIXTURE,
  requestCert: true,
  rejectUnauthorized: true,
  ca: [CLIENT_TLS_FIXTURE.cert],
}

/** The common name of the client certificate a request came with, if any. */
export function clientNameOf(request: IncomingMessage): string | undefined {
  const socket = request.socket as import('node:tls').TLSSocket
  const subject = socket.getPeerCertificate?.()?.subject as { CN?: string } | undefined
  return subject?.CN
}

export interface TestServer {
  url: string
  port: number
  close(): Promise<void>
}

export async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

function closer(server: Server, extra: () => void = () => {}): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      extra()
      server.closeAllConnections()
      server.close(() => resolve())
    })
}

/**
 * A WebSocket server on port 0 (or on TLS with the fixture certificate) whose handler gets each
 * socket and its upgrade request: for what the demo server does not do (show request headers,
 * stay silent to pings...).
 */
export async function startWsTestServer(
  onConnection: (socket: WebSocket, request: IncomingMessage) => void,
  options: { tls?: boolean | 'mutual'; ws?: ServerOptions } = {},
): Promise<TestServer> {
  const server = options.tls
    ? createHttpsServer(options.tls === 'mutual' ? MUTUAL_TLS : TLS_FIXTURE)
    : createHttpServer()
  const wss = new WebSocketServer({ server, ...options.ws })
  wss.on('connection', onConnection)
  const port = await listen(server)
  return {
    url: `${options.tls ? 'wss' : 'ws'}://127.0.0.1:${port}`,
    port,
    close: closer(server, () => {
      for (const client of wss.clients) client.terminate()
      wss.close()
    }),
  }
}

/** A plain HTTP(S) server on port 0 with the given handler (upgrades unhandled). */
export async function startHttpTestServer(
  handler: Parameters<typeof createHttpServer>[1],
  options: { tls?: boolean | 'mutual' } = {},
): Promise<TestServer & { server: Server }> {
  const server = options.tls
    ? createHttpsServer(options.tls === 'mutual' ? MUTUAL_TLS : TLS_FIXTURE, handler)
    : createHttpServer(handler)
  const port = await listen(server)
  return {
    server,
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    close: closer(server),
  }
}

/** An HTTP proxy that only tunnels (CONNECT), recording where each tunnel went. */
export async function startConnectProxy(): Promise<TestServer & { tunnels: string[] }> {
  const tunnels: string[] = []
  const server = createHttpServer((_request, response) => {
    response.writeHead(405)
    response.end()
  })
  server.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
    tunnels.push(request.url ?? '')
    const [host, port] = (request.url ?? '').split(':')
    const upstream = connect(Number(port), host ?? '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  const port = await listen(server)
  return { url: `http://127.0.0.1:${port}`, port, tunnels, close: closer(server) }
}

/** A raw TCP server on port 0, for peers that do not speak HTTP at all. */
export async function startTcpTestServer(onSocket: (socket: Socket) => void): Promise<TestServer> {
  const sockets = new Set<Socket>()
  const server = createNetServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    onSocket(socket)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `tcp://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
