import { inferProtocol } from './connection-request.ts'
import type { AuthConfig, ConnectionRequest, OutgoingMessage } from './connections.ts'
import type { RealtimeProtocol } from './demo-server.ts'
import type { ComposerMode, ConnectionDraft } from './session.ts'

/*
 * What an editor holds, as the API takes it: a draft as the request it connects with, a
 * composer's text as the message it sends. Shared by the app, the CLI and scenarios.
 */

/** The protocol the draft will speak: the override, else the URL's scheme (null if unknown). */
export function draftProtocol(draft: ConnectionDraft): RealtimeProtocol | null {
  return draft.protocolOverride ?? inferProtocol(draft.url)
}

const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)

/** Fills the `{{variables}}` of one text field; `field` names it for an error ("Header X-Key"). */
export type FillText = (text: string, field: string) => string

/** The request a draft connects with; `fill` fills template variables in its text fields. */
export function toRequest(
  draft: ConnectionDraft,
  fill: FillText = (text) => text,
): ConnectionRequest {
  const protocol = draftProtocol(draft) ?? undefined
  const request: ConnectionRequest = {
    url: fill(draft.url.trim(), 'the URL'),
    ...(protocol ? { protocol } : {}),
    headers: draft.headers
      .filter((row) => row.enabled && row.name.trim() !== '')
      .map((row) => {
        const name = fill(row.name.trim(), `the header name ${row.name.trim()}`)
        return {
          name,
          value: fill(row.value, `the header ${name}`),
          ...(row.secret ? { secret: true } : {}),
        }
      }),
    auth: authOf(draft.auth, fill),
    handshakeTimeoutMs: draft.handshakeTimeoutMs,
    delivery: draft.delivery,
    ...tlsOf(draft),
    ...(draft.proxy.trim() ? { proxy: fill(draft.proxy.trim(), 'the proxy') } : {}),
  }
  if (protocol === 'ws') {
    request.ws = {
      subprotocols: splitList(fill(draft.ws.subprotocols, 'the subprotocols')),
      perMessageDeflate: draft.ws.perMessageDeflate,
      followRedirects: draft.ws.followRedirects,
      reconnect: draft.ws.reconnect,
      ...(draft.ws.origin.trim() ? { origin: fill(draft.ws.origin.trim(), 'the Origin') } : {}),
      ...(draft.ws.autoPing.enabled
        ? {
            autoPing: {
              intervalMs: draft.ws.autoPing.intervalMs,
              timeoutMs: draft.ws.autoPing.timeoutMs,
            },
          }
        : {}),
    }
  } else {
    const hasBody = draft.sse.method !== 'GET'
    request.sse = {
      method: draft.sse.browserFaithful ? 'GET' : draft.sse.method,
      mode: draft.sse.browserFaithful ? 'browser' : 'fetch',
      ...(hasBody && !draft.sse.browserFaithful
        ? { body: fill(draft.sse.body, 'the body'), contentType: draft.sse.contentType }
        : {}),
      ...(draft.sse.lastEventId
        ? { lastEventId: fill(draft.sse.lastEventId, 'Last-Event-ID') }
        : {}),
      ...(draft.sse.reconnect !== null ? { reconnect: draft.sse.reconnect } : {}),
      ...(draft.sse.browserFaithful ? { eventNames: splitList(draft.sse.eventNames) } : {}),
    }
  }
  return request
}

/** The auth with its values filled in. */
function authOf(auth: AuthConfig, fill: FillText): AuthConfig {
  switch (auth.type) {
    case 'none':
      return auth
    case 'bearer':
      return { ...auth, token: fill(auth.token, 'the bearer token') }
    case 'basic':
      return {
        ...auth,
        username: fill(auth.username, 'the username'),
        password: fill(auth.password, 'the password'),
      }
    case 'api-key':
      return {
        ...auth,
        header: fill(auth.header, 'the API key header'),
        value: fill(auth.value, 'the API key'),
      }
    default:
      return auth satisfies never
  }
}

/** The request's TLS settings: verification, extra CAs, a client certificate (only what is set). */
function tlsOf(draft: ConnectionDraft): Pick<ConnectionRequest, 'tls'> {
  const { ca, cert, key, pfx, passphrase } = draft.tls
  const tls = {
    ...(draft.verifyTls ? {} : { rejectUnauthorized: false }),
    ...(ca.trim() ? { ca } : {}),
    ...(pfx ? { pfx } : cert.trim() && key.trim() ? { cert, key } : {}),
    ...(passphrase && (pfx || key.trim()) ? { passphrase } : {}),
  }
  return Object.keys(tls).length > 0 ? { tls } : {}
}

/** A composer's text in `mode` as the message to send. */
export function outgoingMessage(mode: ComposerMode, text: string): OutgoingMessage {
  switch (mode) {
    case 'text':
      return { kind: 'text', text }
    case 'json':
      return { kind: 'json', text }
    case 'hex':
    case 'base64':
      return { kind: 'binary', encoding: mode, data: text }
    default:
      return mode satisfies never
  }
}
