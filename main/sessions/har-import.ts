import {
  ApiError,
  defaultDraft,
  DEFAULT_SECRET_HEADERS,
  type ConnectionEvent,
  type NameValue,
} from '#common/contract/index.ts'
import { isPlainObject } from '#common/contract/guards.ts'
import { checkJson } from '#common/payload/check-json.ts'
import type { ImportedSession } from './session-transfer.ts'

/** Handshake headers the WebSocket client sets itself: not settings to keep. */
const CLIENT_SET = new Set([
  'host',
  'connection',
  'upgrade',
  'sec-websocket-key',
  'sec-websocket-version',
  'sec-websocket-extensions',
  'sec-websocket-protocol',
  'origin',
  'content-length',
  'accept-encoding',
  'cache-control',
  'pragma',
])

interface HarMessage {
  type: 'send' | 'receive'
  time: number
  opcode: number
  data: string
}

/**
 * Reads a HAR file saved from a browser's developer tools: every WebSocket entry with its
 * `_webSocketMessages` (Chrome's extension to HAR 1.2) becomes a session, its URL and request
 * headers the settings, its messages one recorded run. Throws INVALID_IMPORT with the path of
 * whatever is wrong.
 */
export function parseHar(text: string): ImportedSession[] {
  const json = checkJson(text)
  if (!json.ok) fail(`The file is not valid JSON: ${json.message}`)
  const root = json.ok ? json.value : null
  const entries = isPlainObject(root) && isPlainObject(root.log) ? root.log.entries : undefined
  if (!Array.isArray(entries)) fail('This is not a HAR file: it has no log.entries')
  const sessions: ImportedSession[] = []
  ;(entries as unknown[]).forEach((entry, index) => {
    if (!isPlainObject(entry) || !Array.isArray(entry._webSocketMessages)) return
    sessions.push(sessionOf(entry, `log.entries[${index}]`))
  })
  if (sessions.length === 0) {
    fail(
      'The HAR file has no WebSocket entries with messages (_webSocketMessages). Save it from Chrome’s or Edge’s ' +
        'developer tools (Network, then Save all as HAR) with the WebSocket request in the list.',
    )
  }
  return sessions
}

function sessionOf(entry: Record<string, unknown>, path: string): ImportedSession {
  const request = isPlainObject(entry.request) ? entry.request : fail(`${path}.request is missing`)
  const response = isPlainObject(entry.response) ? entry.response : {}
  const url =
    typeof request.url === 'string' ? request.url : fail(`${path}.request.url must be text`)
  const requestHeaders = headersOf(request.headers, `${path}.request.headers`)
  const responseHeaders = headersOf(response.headers, `${path}.response.headers`)
  const startedAt =
    typeof entry.startedDateTime === 'string' ? Date.parse(entry.startedDateTime) : Number.NaN
  if (Number.isNaN(startedAt)) fail(`${path}.startedDateTime must be a date`)
  const messages = (entry._webSocketMessages as unknown[]).map((message, index) =>
    harMessage(message, `${path}._webSocketMessages[${index}]`),
  )

  const draft = defaultDraft(url)
  const header = (name: string): string | undefined =>
    requestHeaders.find((candidate) => candidate.name.toLowerCase() === name)?.value
  draft.ws.subprotocols = header('sec-websocket-protocol') ?? ''
  draft.ws.origin = header('origin') ?? ''
  draft.headers = requestHeaders
    .filter(({ name }) => !name.startsWith(':') && !CLIENT_SET.has(name.toLowerCase()))
    .map(({ name, value }) => ({
      name,
      value,
      enabled: true,
      secret: DEFAULT_SECRET_HEADERS.includes(name.toLowerCase()),
    }))

  const events: ConnectionEvent[] = [
    { type: 'connecting', seq: 1, ts: startedAt, attempt: 1, url },
    {
      type: 'open',
      seq: 2,
      ts: startedAt,
      handshake: {
        url,
        status: typeof response.status === 'number' ? response.status : 101,
        statusText:
          typeof response.statusText === 'string' ? response.statusText : 'Switching Protocols',
        requestHeaders,
        responseHeaders,
        subprotocol:
          responseHeaders.find(({ name }) => name.toLowerCase() === 'sec-websocket-protocol')
            ?.value ?? null,
        extensions:
          responseHeaders.find(({ name }) => name.toLowerCase() === 'sec-websocket-extensions')
            ?.value ?? null,
        compression: null,
        durationMs: typeof entry.time === 'number' ? entry.time : 0,
      },
    },
  ]
  for (const message of messages) events.push(eventOf(message, events.length + 1))
  const endedAt = events.at(-1)!.ts
  if (events.at(-1)!.type !== 'close') {
    events.push({
      type: 'close',
      seq: events.length + 1,
      ts: endedAt,
      code: null,
      reason: 'End of the HAR capture',
      clean: true,
    })
  }
  const name = nameOf(url)
  return {
    name,
    draft,
    savedMessages: [],
    runs: [{ protocol: 'ws', url, startedAt, endedAt, events }],
  }
}

function harMessage(value: unknown, path: string): HarMessage {
  if (!isPlainObject(value)) fail(`${path} must be an object`)
  const message = value
  if (message.type !== 'send' && message.type !== 'receive')
    fail(`${path}.type must be "send" or "receive"`)
  if (typeof message.time !== 'number') fail(`${path}.time must be a number of seconds`)
  if (!Number.isInteger(message.opcode)) fail(`${path}.opcode must be a WebSocket opcode`)
  if (typeof message.data !== 'string') fail(`${path}.data must be text`)
  return message as unknown as HarMessage
}

function eventOf(message: HarMessage, seq: number): ConnectionEvent {
  // HAR stores message times as seconds since the epoch.
  const ts = message.time * 1000
  const direction = message.type === 'send' ? 'out' : 'in'
  switch (message.opcode) {
    case 2: {
      const size = Buffer.from(message.data, 'base64').length
      return { type: 'message', seq, ts, direction, kind: 'binary', size, base64: message.data }
    }
    case 9:
    case 10:
      return {
        type: 'message',
        seq,
        ts,
        direction,
        kind: message.opcode === 9 ? 'ping' : 'pong',
        size: Buffer.byteLength(message.data),
        data: message.data,
      }
    case 8:
      return { type: 'close', seq, ts, code: null, reason: message.data, clean: true }
    default:
      return {
        type: 'message',
        seq,
        ts,
        direction,
        kind: 'text',
        size: Buffer.byteLength(message.data),
        data: message.data,
      }
  }
}

function headersOf(value: unknown, path: string): NameValue[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) fail(`${path} must be a list`)
  return (value as unknown[]).map((header, index) => {
    if (
      !isPlainObject(header) ||
      typeof header.name !== 'string' ||
      typeof header.value !== 'string'
    ) {
      fail(`${path}[${index}] must have a name and a value`)
    }
    return { name: (header as { name: string }).name, value: (header as { value: string }).value }
  })
}

function nameOf(url: string): string {
  const match = /^[a-z]+:\/\/([^/?#]+)([^?#]*)/i.exec(url)
  return match ? `${match[1]}${match[2] || '/'} (HAR)` : `${url} (HAR)`
}

function fail(message: string): never {
  throw new ApiError('INVALID_IMPORT', message)
}
