import { createInterface } from 'node:readline'
import type {
  ConnectionEvent,
  ConnectionRequest,
  NameValue,
  SseMethod,
} from '#common/contract/index.ts'

import { createConnectionManager } from '../../connections/connection-manager.ts'
import { UsageError, type CliCommand } from './command.ts'
import { formatEvent } from './format-event.ts'

const METHODS: readonly SseMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']

export const connectCommand: CliCommand = {
  name: 'connect',
  summary: 'Connect to a WebSocket or SSE URL and print what arrives (like wscat, for SSE too)',
  help: `Usage: realtime-playground connect <url> [options]

Opens a WebSocket (ws://, wss://) or an SSE stream (http://, https://) and prints every event:
"<" received, ">" sent, "*" lifecycle, "!" errors. On a WebSocket, each line typed on stdin is sent.

Options:
  -H, --header <'Name: value'>  A request header (repeatable)
  --protocol <name>             A WebSocket subprotocol to offer (repeatable)
  --method <METHOD>             SSE request method (default GET)
  --data <body>                 SSE request body (JSON unless a Content-Type header says otherwise)
  --last-event-id <id>          SSE: resume as if this was the last id seen
  --no-reconnect                SSE: stop when the stream ends (default for methods other than GET)
  --insecure                    Accept any TLS certificate (self-signed ones too)
  --send <message>              A message to send once open (repeatable)
  --max-messages <n>            Close after receiving n messages
  --timeout <seconds>           Give up if the handshake takes longer (default 10)
  --json                        One JSON event per line, the API's event vocabulary
  -h, --help                    Show this help

Exit code 0 when the connection closes cleanly; 1 with the error's sentence when it fails.`,
  options: {
    header: { type: 'string', short: 'H', multiple: true },
    protocol: { type: 'string', multiple: true },
    method: { type: 'string' },
    data: { type: 'string' },
    'last-event-id': { type: 'string' },
    reconnect: { type: 'boolean' },
    insecure: { type: 'boolean', default: false },
    send: { type: 'string', multiple: true },
    'max-messages': { type: 'string' },
    timeout: { type: 'string', default: '10' },
    json: { type: 'boolean', default: false },
  },
  takesPositionals: true,
  async run(values, positionals, io) {
    const [url, ...extra] = positionals
    if (url === undefined)
      throw new UsageError('connect needs a URL, e.g. ws://127.0.0.1:8080/ws/echo')
    if (extra.length > 0)
      throw new UsageError(`connect takes one URL, got also ${JSON.stringify(extra.join(' '))}`)
    const request = buildRequest(url, values)
    const maxMessages =
      values['max-messages'] === undefined
        ? Infinity
        : positiveInt(values['max-messages'], '--max-messages')
    // --send messages, then stdin lines that arrive before the connection opens.
    const outbox = [...((values.send as string[] | undefined) ?? [])]

    return new Promise<number>((resolve) => {
      let received = 0
      let failed: string | null = null
      let id = ''
      const print = (event: ConnectionEvent): void =>
        io.stdout(values.json === true ? JSON.stringify(event) : formatEvent(event))
      const manager = createConnectionManager({
        onSnapshot: (snapshot) => {
          if (snapshot.state === 'open') for (const text of outbox.splice(0)) send(text)
          if (snapshot.state === 'closed' && manager.get(snapshot.id).state === 'closed') finish()
        },
        onBatch: (json) => {
          const batch = json.parse()
          for (const event of batch.events) {
            print(event)
            if (event.type === 'error') failed = `${event.code}: ${event.message}`
            if (
              event.type === 'message' &&
              event.direction === 'in' &&
              ['text', 'binary', 'sse-event'].includes(event.kind)
            ) {
              if (++received === maxMessages)
                manager.disconnect(id, request.protocol === 'ws' ? 1000 : undefined)
            }
          }
          manager.ack(batch.connectionId, batch.batch)
        },
      })

      let stdinLines: ReturnType<typeof createInterface> | null = null
      const onSignal = (): void =>
        manager.disconnect(id, request.protocol === 'ws' ? 1000 : undefined)
      let finished = false
      function finish(): void {
        // Let the closing batch print first; an SSE stream that closed may be reconnecting by then.
        setTimeout(() => {
          if (finished || manager.get(id).state !== 'closed') return
          finished = true
          process.off('SIGINT', onSignal)
          process.off('SIGTERM', onSignal)
          stdinLines?.close()
          process.stdin.pause()
          if (failed && values.json !== true) io.stderr(failed)
          resolve(failed ? 1 : 0)
        }, 20)
      }

      id = manager.connect(request).id
      process.on('SIGINT', onSignal)
      process.on('SIGTERM', onSignal)
      if (request.protocol === 'ws') {
        // Each line typed (or piped) is sent as a text message.
        stdinLines = createInterface({ input: process.stdin })
        stdinLines.on('line', (line) => {
          if (manager.get(id).state === 'open') send(line)
          else outbox.push(line)
        })
      }

      function send(text: string): void {
        try {
          manager.send(id, { kind: 'text', text })
        } catch (error) {
          io.stderr(`Not sent: ${(error as Error).message}`)
        }
      }
    })
  },
}

function buildRequest(
  url: string,
  values: Record<string, unknown>,
): ConnectionRequest & { protocol: 'ws' | 'sse' } {
  const headers: NameValue[] = ((values.header as string[] | undefined) ?? []).map((header) => {
    const colon = header.indexOf(':')
    if (colon <= 0) throw new UsageError(`-H takes 'Name: value', got ${JSON.stringify(header)}`)
    return { name: header.slice(0, colon).trim(), value: header.slice(colon + 1).trim() }
  })
  const method = typeof values.method === 'string' ? values.method.toUpperCase() : undefined
  if (method !== undefined && !METHODS.includes(method as SseMethod)) {
    throw new UsageError(
      `--method must be one of ${METHODS.join(', ')}, got ${JSON.stringify(values.method)}`,
    )
  }
  const protocol = /^wss?:/i.test(url) ? 'ws' : 'sse'
  const contentType = headers.find(({ name }) => name.toLowerCase() === 'content-type')?.value
  const sse = {
    ...(method ? { method: method as SseMethod } : {}),
    ...(typeof values.data === 'string'
      ? { body: values.data, method: (method ?? 'POST') as SseMethod }
      : {}),
    ...(contentType ? { contentType } : {}),
    ...(typeof values['last-event-id'] === 'string'
      ? { lastEventId: values['last-event-id'] }
      : {}),
    ...(values.reconnect !== undefined ? { reconnect: values.reconnect === true } : {}),
  }
  return {
    url,
    protocol,
    headers: headers.filter(
      ({ name }) => protocol === 'ws' || name.toLowerCase() !== 'content-type',
    ),
    handshakeTimeoutMs: positiveInt(values.timeout, '--timeout') * 1000,
    ...(values.insecure === true ? { tls: { rejectUnauthorized: false } } : {}),
    ...(protocol === 'ws'
      ? { ws: { subprotocols: (values.protocol as string[] | undefined) ?? [] } }
      : { sse }),
  }
}

function positiveInt(value: unknown, flag: string): number {
  const number = Number(value)
  if (!Number.isInteger(number) || number < 1)
    throw new UsageError(
      `${flag} must be a whole number of at least 1, got ${JSON.stringify(value)}`,
    )
  return number
}
