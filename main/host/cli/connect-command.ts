import { createInterface } from 'node:readline'
import type { ConnectionEvent, MessageEvent } from '#common/contract/index.ts'
import { eventsOf, readBatch } from '#common/batch/index.ts'
import { createConnectionManager } from '../../connections/connection-manager.ts'
import { UsageError, type CliCommand } from './command.ts'
import { connectRequest, positiveInt, seconds } from './connect-request.ts'
import { formatEvent } from './format-event.ts'

export const connectCommand: CliCommand = {
  name: 'connect',
  summary: 'Connect to a WebSocket or SSE URL and print what arrives (like wscat, for SSE too)',
  help: `Usage: realtime-playground connect <url> [options]

Opens a WebSocket (ws://, wss://) or an SSE stream (http://, https://) and prints every event:
"<" received, ">" sent, "*" lifecycle, "!" errors. On a WebSocket, each line of standard input is
sent; when it ends, the connection closes once the last line is answered (or after --wait).

Options:
  -H, --header <'Name: value'>  A request header (repeatable)
  --protocol <name>             A WebSocket subprotocol to offer (repeatable)
  --method <METHOD>             SSE request method (default GET)
  --data <body>                 SSE request body (JSON unless a Content-Type header says otherwise)
  --last-event-id <id>          SSE: resume as if this was the last id seen
  --no-reconnect                SSE: stop when the stream ends (default for methods other than GET)
  --insecure                    Accept any TLS certificate (self-signed ones too)
  --send <message>              A message to send once open (repeatable)
  --no-stdin                    Ignore standard input: watch until closed, --max-messages or Ctrl+C
  --wait <seconds>              After standard input ends, how long to wait for an answer (default 2)
  --max-messages <n>            Close after receiving n messages
  --timeout <seconds>           Give up if the handshake takes longer (default 10)
  --json                        One JSON event per line, the API's event vocabulary
  --full                        Print large messages whole, not their first 64 KiB
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
    stdin: { type: 'boolean', default: true },
    wait: { type: 'string', default: '2' },
    'max-messages': { type: 'string' },
    timeout: { type: 'string', default: '10' },
    json: { type: 'boolean', default: false },
    full: { type: 'boolean', default: false },
  },
  takesPositionals: true,
  async run(values, positionals, io) {
    const [url, ...extra] = positionals
    if (url === undefined)
      throw new UsageError('connect needs a URL, e.g. ws://127.0.0.1:8080/ws/echo')
    if (extra.length > 0)
      throw new UsageError(`connect takes one URL, got also ${JSON.stringify(extra.join(' '))}`)
    const request = connectRequest(url, values)
    const isWs = request.protocol === 'ws'
    const maxMessages =
      values['max-messages'] === undefined
        ? Infinity
        : positiveInt(values['max-messages'], '--max-messages')
    const waitMs = seconds(values.wait, '--wait') * 1000
    // --send messages, then stdin lines that arrive before the connection opens.
    const outbox = [...((values.send as string[] | undefined) ?? [])]

    return new Promise<number>((resolve) => {
      let received = 0
      let failed: string | null = null
      let id = ''
      /** A line was sent and no message has come back since. */
      let awaitingAnswer = false
      let stdinEnded = false
      let waitTimer: NodeJS.Timeout | undefined

      const manager = createConnectionManager({
        onSnapshot: (snapshot) => {
          if (snapshot.state === 'open') {
            for (const text of outbox.splice(0)) send(text)
            closeIfDone()
          }
          if (snapshot.state === 'closed' && manager.get(snapshot.id).state === 'closed') finish()
        },
        onBatch: (bytes) => {
          const batch = readBatch(bytes)
          for (const event of eventsOf(batch)) {
            const data = event.type === 'message' && event.direction === 'in' && isData(event)
            // A batch may carry messages past --max-messages: they are not printed.
            if (data && received === maxMessages) continue
            print(event)
            if (event.type === 'error') failed = `${event.code}: ${event.message}`
            if (data) {
              awaitingAnswer = false
              if (++received === maxMessages) disconnect()
              else closeIfDone()
            }
          }
          manager.ack(batch.connectionId, batch.batch)
        },
      })

      const print = (event: ConnectionEvent): void => {
        const whole = values.full === true ? wholeOf(event) : event
        io.stdout(values.json === true ? JSON.stringify(whole) : formatEvent(whole))
      }
      /** A large message as it arrived, instead of its preview (the manager keeps it whole). */
      const wholeOf = (event: ConnectionEvent): ConnectionEvent => {
        if (event.type !== 'message' || !event.truncated) return event
        try {
          const { data, base64 } = manager.getMessage(id, event.seq)
          const { truncated: _truncated, data: _data, base64: _base64, ...rest } = event
          return { ...rest, ...(data !== undefined ? { data } : { base64 }) }
        } catch {
          return event
        }
      }
      const disconnect = (): void => manager.disconnect(id, isWs ? 1000 : undefined)

      /** After stdin ends: close once everything is sent and the last line answered. */
      function closeIfDone(): void {
        if (!stdinEnded || manager.get(id).state !== 'open' || outbox.length > 0) return
        if (!awaitingAnswer) {
          disconnect()
          return
        }
        waitTimer ??= setTimeout(disconnect, waitMs)
      }

      let stdinLines: ReturnType<typeof createInterface> | null = null
      let finished = false
      function finish(): void {
        // Let the closing batch print first; an SSE stream that closed may be reconnecting by then.
        setTimeout(() => {
          if (finished || manager.get(id).state !== 'closed') return
          finished = true
          clearTimeout(waitTimer)
          process.off('SIGINT', disconnect)
          process.off('SIGTERM', disconnect)
          stdinLines?.close()
          process.stdin.pause()
          if (failed && values.json !== true) io.stderr(failed)
          resolve(failed ? 1 : 0)
        }, 20)
      }

      id = manager.connect(request).id
      process.on('SIGINT', disconnect)
      process.on('SIGTERM', disconnect)
      if (isWs && values.stdin !== false) {
        // Each line typed (or piped) is sent as a text message; the end of input ends the session.
        stdinLines = createInterface({ input: process.stdin })
        stdinLines.on('line', (line) => {
          if (manager.get(id).state === 'open') send(line)
          else outbox.push(line)
        })
        stdinLines.once('close', () => {
          stdinEnded = true
          closeIfDone()
        })
      }

      function send(text: string): void {
        try {
          manager.send(id, { kind: 'text', text })
          awaitingAnswer = true
        } catch (error) {
          io.stderr(`Not sent: ${(error as Error).message}`)
        }
      }
    })
  },
}

/** A message that carries data (not a ping, a comment or a retry). */
function isData(event: MessageEvent): boolean {
  return event.kind === 'text' || event.kind === 'binary' || event.kind === 'sse-event'
}
