import { rendererContentSecurityPolicy } from '#common/security/content-security-policy.ts'
import { findStaticFile, type StaticFile } from '../static-files.ts'

/** What the app scheme's handler answers: Electron wraps it in a `Response`. */
export interface AppResponse {
  status: number
  headers: Record<string, string>
  body: Uint8Array<ArrayBuffer> | string
}

/** The shell talks over IPC and needs no network at all: `connect-src 'none'`. */
const CSP = rendererContentSecurityPolicy({ connectToSelf: false })

const COMMON_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
}

/**
 * The answer to one request on the app scheme: a file of the built renderer, looked up by the
 * URL's path alone (the query and fragment play no part), or 404. Only the app's own host is
 * served, only GET and HEAD. No path on disk is derived from the request: `files` is the renderer
 * folder read into memory, so `..`, `%2e%2e` or an absolute path cannot reach outside it.
 */
export function answerAppRequest(
  request: { method: string; url: string },
  files: ReadonlyMap<string, StaticFile>,
  isAppUrl: (url: string) => boolean,
): AppResponse {
  if (!isAppUrl(request.url)) return notFound(request.url)
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return {
      status: 405,
      headers: { ...COMMON_HEADERS, Allow: 'GET, HEAD', 'Content-Type': 'text/plain' },
      body: `Method ${request.method} is not allowed.`,
    }
  }
  const { pathname } = new URL(request.url)
  const file = findStaticFile(files, pathname)
  if (!file) return notFound(pathname)
  return {
    status: 200,
    headers: { ...COMMON_HEADERS, 'Content-Type': file.contentType },
    body: request.method === 'HEAD' ? '' : new Uint8Array(file.body),
  }
}

function notFound(what: string): AppResponse {
  return {
    status: 404,
    headers: { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
    body: `Not found: ${what}`,
  }
}
