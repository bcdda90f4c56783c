/**
 * The renderer's Content-Security-Policy: only its own scripts and styles, no eval, no plugins, no
 * framing. The Electron shell talks over IPC and needs no network at all; browser mode reaches its
 * host's `/rpc` WebSocket, which `'self'` covers (CSP Level 3 matches ws: for the same host).
 */
export function rendererContentSecurityPolicy(options: { connectToSelf: boolean }): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${options.connectToSelf ? "'self'" : "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}
