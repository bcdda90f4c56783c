import { resolveTarget, inferProtocol } from '#common/contract/connection-request.ts'
import {
  ApiError,
  type AuthConfig,
  type ConnectionDraft,
  type ConnectionRequest,
  type RealtimeProtocol,
} from '#common/contract/index.ts'

/** The protocol the draft will speak: the override, else the URL's scheme (null if unknown). */
export function draftProtocol(draft: ConnectionDraft): RealtimeProtocol | null {
  return draft.protocolOverride ?? inferProtocol(draft.url)
}

/** Why the URL cannot be connected to, in a sentence, or null when it can. */
export function urlProblem(draft: ConnectionDraft): string | null {
  if (draft.url.trim() === '') return null
  try {
    resolveTarget(draft.url, draft.protocolOverride ?? undefined)
    return null
  } catch (error) {
    return error instanceof ApiError ? error.message : String(error)
  }
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

/** The query parameters of a URL, in order; an empty list when it does not parse. */
export function paramsOf(url: string): { name: string; value: string }[] {
  const query = url.indexOf('?')
  if (query === -1) return []
  const end = url.indexOf('#', query)
  const search = url.slice(query + 1, end === -1 ? undefined : end)
  const params: { name: string; value: string }[] = []
  for (const [name, value] of new URLSearchParams(search)) params.push({ name, value })
  return params
}

/** The URL with its query replaced by `params` (the rest kept as typed). */
export function withParams(
  url: string,
  params: readonly { name: string; value: string }[],
): string {
  const query = url.indexOf('?')
  const hash = url.indexOf('#', query === -1 ? 0 : query)
  const base = url.slice(0, query === -1 ? (hash === -1 ? undefined : hash) : query)
  const fragment = hash === -1 ? '' : url.slice(hash)
  const search = new URLSearchParams()
  for (const { name, value } of params) if (name !== '' || value !== '') search.append(name, value)
  // `{{name}}` stays as typed (encoded, it would no longer be filled in).
  const text = search
    .toString()
    .replace(
      /%7B%7B(.*?)%7D%7D/gi,
      (_, inner: string) => `{{${decodeURIComponent(inner.replaceAll('+', ' '))}}}`,
    )
  return `${base}${text ? `?${text}` : ''}${fragment}`
}

/** A tab's title: the URL's last path segment (or host), else "New connection". */
export function titleOf(url: string): string {
  const match = /^[a-z]+:\/\/([^/?#]+)([^?#]*)/i.exec(url.trim())
  if (!match) return url.trim() || 'New connection'
  const path = match[2]!.replace(/\/+$/, '')
  return path ? path.slice(path.lastIndexOf('/') + 1) || match[1]! : match[1]!
}
