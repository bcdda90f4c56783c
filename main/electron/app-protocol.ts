import { protocol } from 'electron'
import { rendererContentSecurityPolicy } from '#common/security/content-security-policy.ts'
import { loadStaticFiles } from '../host/static-files.ts'

/** The renderer is served from `app://renderer/`, a secure standard origin of its own. */
export const APP_SCHEME = 'app'
export const APP_ORIGIN = `${APP_SCHEME}://renderer`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/**
 * Serves the built renderer on the app scheme with a strict Content-Security-Policy. Files are read
 * into memory once and served by exact path, so no request can reach outside the folder.
 */
export async function serveRendererOnAppScheme(rendererDir: string): Promise<void> {
  const files = await loadStaticFiles(rendererDir)
  const csp = rendererContentSecurityPolicy({ connectToSelf: false })
  protocol.handle(APP_SCHEME, (request) => {
    const url = new URL(request.url)
    const file =
      url.origin === APP_ORIGIN
        ? files.get(url.pathname === '/' ? '/index.html' : url.pathname)
        : undefined
    if (!file) return new Response(`Not found: ${url.pathname}`, { status: 404 })
    return new Response(new Uint8Array(file.body), {
      headers: {
        'Content-Type': file.contentType,
        'Content-Security-Policy': csp,
        'X-Content-Type-Options': 'nosniff',
      },
    })
  })
}
