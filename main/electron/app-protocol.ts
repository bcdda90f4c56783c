import { protocol } from 'electron'
import { answerAppRequest } from '../host/desktop/app-request.ts'
import { APP_SCHEME } from '../host/desktop/app-url.ts'
import { loadStaticFiles } from '../host/static-files.ts'

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/** Serves the built renderer on the app scheme (what is served, and how, is `answerAppRequest`). */
export async function serveRendererOnAppScheme(
  rendererDir: string,
  isAppUrl: (url: string) => boolean,
): Promise<void> {
  const files = await loadStaticFiles(rendererDir)
  protocol.handle(APP_SCHEME, (request) => {
    const { status, headers, body } = answerAppRequest(request, files, isAppUrl)
    return new Response(body, { status, headers })
  })
}
