/** Host names by which a loopback server may be addressed. */
export const LOOPBACK_HOSTNAMES = ['127.0.0.1', 'localhost', '[::1]'] as const

const LOOPBACK_ADDRESSES: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '::1', '[::1]'])
const WILDCARD_ADDRESSES: ReadonlySet<string> = new Set(['0.0.0.0', '::', '[::]'])

/** True for an address only this machine can reach. */
export function isLoopbackAddress(address: string): boolean {
  return LOOPBACK_ADDRESSES.has(address.toLowerCase())
}

/** True for "every interface" (0.0.0.0, ::). */
export function isWildcardAddress(address: string): boolean {
  return WILDCARD_ADDRESSES.has(address)
}

/** The host part of a URL for a server bound to `address` (a wildcard is reached on 127.0.0.1). */
export function urlHostOf(address: string): string {
  if (isWildcardAddress(address)) return '127.0.0.1'
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address
}

/**
 * The exact `Host` header values a local server accepts: a loopback name with the server's port
 * (and without it on port 80), plus the address it was explicitly bound to when that is neither
 * loopback nor a wildcard. Anything else is a DNS-rebinding attempt: a foreign name that resolves
 * to 127.0.0.1.
 */
export function allowedHosts(port: number, bindAddress = '127.0.0.1'): ReadonlySet<string> {
  const named =
    isLoopbackAddress(bindAddress) || isWildcardAddress(bindAddress) ? [] : [bindAddress]
  const hosts = new Set<string>()
  for (const hostname of [...LOOPBACK_HOSTNAMES, ...named]) {
    const name = urlHostOf(hostname.toLowerCase())
    hosts.add(`${name}:${port}`)
    if (port === 80) hosts.add(name)
  }
  return hosts
}

export function isAllowedHost(
  hostHeader: string | undefined,
  allowed: ReadonlySet<string>,
): boolean {
  return hostHeader !== undefined && allowed.has(hostHeader.toLowerCase())
}

/** Why a request's Host header is refused (400 or 403, and a sentence), or null when it passes. */
export function hostRefusal(
  rawHeaders: readonly string[],
  allowed: ReadonlySet<string>,
): { status: 400 | 403; message: string } | null {
  const hosts: string[] = []
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toLowerCase() === 'host') hosts.push(rawHeaders[i + 1]!)
  }
  // [RFC 9112 §3.2] a request with more than one Host field must be answered 400: a proxy and
  // this server could each read a different one.
  if (hosts.length > 1) return { status: 400, message: 'Bad Request: more than one Host header.' }
  if (!isAllowedHost(hosts[0], allowed)) {
    return {
      status: 403,
      message: `Forbidden: Host ${JSON.stringify(hosts[0] ?? '')} is not this server's address.`,
    }
  }
  return null
}

/** True when `origin` is `http://` plus one of the allowed hosts: a page served by this server. */
export function isAllowedOrigin(origin: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (origin === undefined || !origin.toLowerCase().startsWith('http://')) return false
  return allowed.has(origin.slice('http://'.length).toLowerCase())
}

/** A page served from this machine, any port: `http(s)://localhost|127.0.0.1|[::1]`. */
const LOOPBACK_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/i

export function isLoopbackOrigin(origin: string): boolean {
  return LOOPBACK_ORIGIN.test(origin)
}

/** The whole HTTP response that refuses a WebSocket upgrade, written on the raw socket. */
export function upgradeRefusal(status: number, reason: string, detail = reason): string {
  const body = `${detail}\n`
  return (
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
    `Content-Length: ${new TextEncoder().encode(body).length}\r\n\r\n${body}`
  )
}
