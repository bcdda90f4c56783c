import { resolveTarget, inferProtocol } from '#common/contract/connection-request.ts'
import {
  ApiError,
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

/** The request a draft connects with; `expand` fills template variables in text fields. */
export function toRequest(
  draft: ConnectionDraft,
  expand: (text: string) => string = (text) => text,
): ConnectionRequest {
  const protocol = draftProtocol(draft) ?? undefined
  const request: ConnectionRequest = {
    url: expand(draft.url.trim()),
    ...(protocol ? { protocol } : {}),
    headers: draft.headers
      .filter((row) => row.enabled && row.name.trim() !== '')
      .map((row) => ({
        name: row.name.trim(),
        value: expand(row.value),
        ...(row.secret ? { secret: true } : {}),
      })),
    auth: draft.auth,
    handshakeTimeoutMs: draft.handshakeTimeoutMs,
    delivery: draft.delivery,
    ...tlsOf(draft),
    ...(draft.proxy.trim() ? { proxy: draft.proxy.trim() } : {}),
  }
  if (protocol === 'ws') {
    request.ws = {
      subprotocols: splitList(draft.ws.subprotocols),
      perMessageDeflate: draft.ws.perMessageDeflate,
      followRedirects: draft.ws.followRedirects,
      reconnect: draft.ws.reconnect,
      ...(draft.ws.origin.trim() ? { origin: draft.ws.origin.trim() } : {}),
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
        ? { body: expand(draft.sse.body), contentType: draft.sse.contentType }
        : {}),
      ...(draft.sse.lastEventId ? { lastEventId: draft.sse.lastEventId } : {}),
      ...(draft.sse.reconnect !== null ? { reconnect: draft.sse.reconnect } : {}),
      ...(draft.sse.browserFaithful ? { eventNames: splitList(draft.sse.eventNames) } : {}),
    }
  }
  return request
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
  const text = search.toString()
  return `${base}${text ? `?${text}` : ''}${fragment}`
}

/** A tab's title: the URL's last path segment (or host), else "New connection". */
export function titleOf(url: string): string {
  const match = /^[a-z]+:\/\/([^/?#]+)([^?#]*)/i.exec(url.trim())
  if (!match) return url.trim() || 'New connection'
  const path = match[2]!.replace(/\/+$/, '')
  return path ? path.slice(path.lastIndexOf('/') + 1) || match[1]! : match[1]!
}
