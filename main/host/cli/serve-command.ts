import type { DemoEndpoint } from '#common/contract/index.ts'
import {
  DEFAULT_MAX_CLIENTS,
  originProblem,
  startDemoServer,
} from '../../../embedded-server/index.ts'
import { DEFAULT_DEMO_PORT } from '../demo-server-control.ts'
import { survivePromiseFailures } from '../process-guard.ts'
import { parseCount, parsePort, UsageError, untilStopSignal, type CliCommand } from './command.ts'

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Run the demo server alone (SSE and WebSocket endpoints to test against)',
  help: `Usage: realtime-playground serve [options]

Starts the demo server: SSE and WebSocket endpoints (clock, echo, chat room, generators,
named events, Last-Event-ID resume, fault injection). Prints its URL and endpoints, then one
line per client connecting or leaving. Stop it with Ctrl+C.

Options:
  --port <n>              Port to listen on (default ${DEFAULT_DEMO_PORT}; 0 for a free one)
  --host <address>        Address to bind (default 127.0.0.1; anything else is reachable by others)
  --max-clients <n>       Streams and sockets open at once; past it, 503 (default ${DEFAULT_MAX_CLIENTS})
  --feed-rate <n>         Messages per second of the shared /ws/feed and /sse/feed (default 10)
  --allow-origin <origin> Let web pages from this origin open the WebSockets, besides pages on
                          localhost (repeat it; * allows any page). Any site you visit could
                          otherwise use the server through your browser, so list only your own
                          front end, e.g. --allow-origin https://staging.example.com
  -h, --help              Show this help`,
  options: {
    port: { type: 'string', default: String(DEFAULT_DEMO_PORT) },
    host: { type: 'string', default: '127.0.0.1' },
    'max-clients': { type: 'string', default: String(DEFAULT_MAX_CLIENTS) },
    'feed-rate': { type: 'string', default: '10' },
    'allow-origin': { type: 'string', multiple: true, default: [] },
  },
  takesPositionals: false,
  async run(values, _positionals, io) {
    const allowOrigins = values['allow-origin'] as string[]
    for (const origin of allowOrigins) {
      const problem = originProblem(origin)
      if (problem) throw new UsageError(`--allow-origin: ${problem}`)
    }
    const stopGuarding = survivePromiseFailures((line) => io.stderr(line))
    const server = await startDemoServer({
      port: parsePort(values.port),
      host: String(values.host),
      maxClients: parseCount(values['max-clients'], '--max-clients', 1, 100_000),
      feedRate: parseCount(values['feed-rate'], '--feed-rate', 1, 1_000_000),
      allowOrigins,
      onWarning: (message) => io.stderr(`Warning: ${message}`),
    })
    io.stdout(`Demo server: ${server.url}`)
    io.stdout(formatEndpoints(server.status().endpoints, server.url))
    server.subscribe((event) => {
      if (event.kind === 'client-connected' || event.kind === 'client-disconnected') {
        const sign = event.kind === 'client-connected' ? '+' : '-'
        const count = event.status.clients[event.client.endpoint] ?? 0
        io.stdout(
          `${new Date().toISOString()} ${sign} ${event.client.endpoint} ${event.client.remoteAddress} (${count} connected)`,
        )
      }
    })
    const signal = await untilStopSignal()
    io.stdout(`${signal}: closing clients and stopping.`)
    await server.close()
    stopGuarding()
    return 0
  },
}

/** The endpoint list as aligned lines: protocol, methods, full URL, description. */
export function formatEndpoints(endpoints: readonly DemoEndpoint[], baseUrl: string): string {
  const wsBase = baseUrl.replace(/^http/, 'ws')
  const rows = endpoints.map((endpoint) => [
    endpoint.protocol.toUpperCase(),
    endpoint.methods.join(','),
    `${endpoint.protocol === 'ws' ? wsBase : baseUrl}${endpoint.path}`,
    endpoint.description,
  ])
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length)))
  return rows
    .map((row) => `  ${row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join('  ')}`)
    .join('\n')
}
