/** Host names by which a loopback server may be addressed. */
export const LOOPBACK_HOSTNAMES = ['127.0.0.1', 'localhost', '[::1]'] as const

/**
 * The exact `Host` header values a local server accepts: a loopback name with the server's port
 * (and without it on port 80), plus any host it was explicitly bound to. Anything else is a
 * DNS-rebinding attempt: a foreign name that resolves to 127.0.0.1.
 */
export function allowedHosts(
  port: number,
  extraHostnames: readonly string[] = [],
): ReadonlySet<string> {
  const hosts = new Set<string>()
  for (const hostname of [...LOOPBACK_HOSTNAMES, ...extraHostnames]) {
    const name = formatHostname(hostname.toLowerCase())
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

/** True when `origin` is `http://` plus one of the allowed hosts: a page served by this server. */
export function isAllowedOrigin(origin: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (origin === undefined || !origin.toLowerCase().startsWith('http://')) return false
  return allowed.has(origin.slice('http://'.length).toLowerCase())
}

/** Wraps a bare IPv6 address in brackets, as it appears in a Host header. */
function formatHostname(hostname: string): string {
  return hostname.includes(':') && !hostname.startsWith('[') ? `[${hostname}]` : hostname
}
