import { isLoopbackOrigin } from '#common/net/loopback-host.ts'

/** The desktop app's own pages (a custom scheme; its renderer never opens sockets itself today). */
const APP_ORIGIN = 'app://renderer'

/**
 * Which web pages may open the demo server's WebSockets (and read its streams through CORS).
 * Browsers let any page the user visits connect to localhost, and a WebSocket upgrade is not
 * subject to CORS, so the server itself must look at `Origin`: requests without one (non-browser
 * clients: this app, wscat, curl) and pages on this machine pass; other origins only when listed
 * (`--allow-origin`, or `*` for any).
 */
export function createOriginPolicy(
  allowOrigins: readonly string[],
): (origin: string | undefined) => boolean {
  const listed = new Set(allowOrigins.map((origin) => origin.toLowerCase()))
  const any = listed.has('*')
  return (origin) =>
    origin === undefined ||
    any ||
    isLoopbackOrigin(origin) ||
    origin.toLowerCase() === APP_ORIGIN ||
    listed.has(origin.toLowerCase())
}

/** Why `origin` cannot be allowed (it must be `*` or exactly `scheme://host[:port]`), or null. */
export function originProblem(origin: string): string | null {
  if (origin === '*') return null
  const parsed = URL.parse(origin)
  if (
    parsed === null ||
    !/^https?:$/.test(parsed.protocol) ||
    parsed.origin !== origin.toLowerCase()
  ) {
    return `${JSON.stringify(origin)} is not an origin: write it as https://host or http://host:port, with no path`
  }
  return null
}
