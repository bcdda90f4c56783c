import type { ConnectionRequest, NameValue } from '#common/contract/index.ts'
import { authHeader } from '#common/net/auth-header.ts'

/** The ways a connection can be copied. */
export const COPY_FORMATS = [
  { value: 'websocat', label: 'websocat', protocols: ['ws'] },
  { value: 'wscat', label: 'wscat', protocols: ['ws'] },
  { value: 'curl', label: 'curl -N', protocols: ['sse'] },
  { value: 'javascript', label: 'JavaScript', protocols: ['ws', 'sse'] },
] as const

export type CopyFormat = (typeof COPY_FORMATS)[number]['value']

/** A word for a POSIX shell: single-quoted where it needs to be. */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`
}

/** Every header the request sends that a command can set: the user's, then its auth's. */
function headersOf(request: ConnectionRequest): NameValue[] {
  const auth = authHeader(request.auth)
  return [
    ...(request.headers ?? []).map(({ name, value }) => ({ name, value })),
    ...(auth ? [auth] : []),
  ]
}

/** The request as a command line or a script that opens the same connection. */
export function copyAs(request: ConnectionRequest, format: CopyFormat): string {
  const headers = headersOf(request)
  const subprotocols = request.ws?.subprotocols ?? []
  const insecure = request.tls?.rejectUnauthorized === false
  switch (format) {
    case 'websocat':
      return [
        'websocat',
        ...(insecure ? ['-k'] : []),
        ...headers.map(({ name, value }) => `-H ${shellWord(`${name}: ${value}`)}`),
        ...(subprotocols.length > 0 ? [`--protocol ${shellWord(subprotocols.join(', '))}`] : []),
        shellWord(request.url),
      ].join(' ')
    case 'wscat':
      return [
        'wscat',
        ...(insecure ? ['--no-check'] : []),
        ...headers.map(({ name, value }) => `-H ${shellWord(`${name}: ${value}`)}`),
        ...subprotocols.map((protocol) => `-s ${shellWord(protocol)}`),
        `-c ${shellWord(request.url)}`,
      ].join(' ')
    case 'curl': {
      const method = request.sse?.method ?? 'GET'
      const body = request.sse?.body
      return [
        'curl -N',
        ...(insecure ? ['-k'] : []),
        ...(method !== 'GET' ? [`-X ${method}`] : []),
        `-H ${shellWord('Accept: text/event-stream')}`,
        ...(request.sse?.lastEventId
          ? [`-H ${shellWord(`Last-Event-ID: ${request.sse.lastEventId}`)}`]
          : []),
        ...headers.map(({ name, value }) => `-H ${shellWord(`${name}: ${value}`)}`),
        ...(body !== undefined && method !== 'GET'
          ? [
              `-H ${shellWord(`Content-Type: ${request.sse?.contentType ?? 'application/json'}`)}`,
              `--data-raw ${shellWord(body)}`,
            ]
          : []),
        shellWord(request.url),
      ].join(' \\\n  ')
    }
    case 'javascript':
      return request.protocol === 'sse' ? sseScript(request, headers) : wsScript(request, headers)
    default:
      return format satisfies never
  }
}

function wsScript(request: ConnectionRequest, headers: NameValue[]): string {
  const subprotocols = request.ws?.subprotocols ?? []
  return [
    ...(headers.length > 0
      ? [
          `// A browser's WebSocket cannot set handshake headers (${headers.map((h) => h.name).join(', ')}):`,
          '// in Node, use the ws package: new WebSocket(url, protocols, { headers: {...} })',
        ]
      : []),
    `const socket = new WebSocket(${JSON.stringify(request.url)}${
      subprotocols.length > 0 ? `, ${JSON.stringify(subprotocols)}` : ''
    })`,
    "socket.addEventListener('open', () => console.log('open'))",
    "socket.addEventListener('message', (event) => console.log(event.data))",
    "socket.addEventListener('close', (event) => console.log('closed', event.code, event.reason))",
  ].join('\n')
}

function sseScript(request: ConnectionRequest, headers: NameValue[]): string {
  const method = request.sse?.method ?? 'GET'
  const allHeaders: Record<string, string> = { Accept: 'text/event-stream' }
  if (request.sse?.lastEventId) allHeaders['Last-Event-ID'] = request.sse.lastEventId
  for (const { name, value } of headers) allHeaders[name] = value
  const body = method !== 'GET' ? request.sse?.body : undefined
  if (body !== undefined)
    allHeaders['Content-Type'] = request.sse?.contentType ?? 'application/json'
  const init = JSON.stringify(
    { method, headers: allHeaders, ...(body !== undefined ? { body } : {}) },
    null,
    2,
  )
  return [
    `const response = await fetch(${JSON.stringify(request.url)}, ${init})`,
    'const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()',
    'for (;;) {',
    '  const { value, done } = await reader.read()',
    '  if (done) break',
    '  console.log(value) // raw event-stream text: "data: …" lines, a blank line between events',
    '}',
  ].join('\n')
}
