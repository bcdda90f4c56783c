/** The renderer is served from `app://renderer/`: a secure standard scheme of the app's own. */
export const APP_SCHEME = 'app'
export const APP_HOST = 'renderer'
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

/**
 * A test for "is this URL the app's own page?", against the URL the window loads: the app scheme,
 * or the dev server's http URL under `electron-vite dev`.
 *
 * Scheme and host are compared, never `URL.origin`: a custom scheme's origin is opaque, and Node's
 * `URL` (the one the main process uses) gives the string "null" for every such URL, so an origin
 * comparison rejects the app's own page (the first release's shell answered 404 to itself).
 * A URL with credentials is never the app's: Chromium does not put any on the app's own URLs.
 */
export function createAppUrlCheck(entryUrl: string): (url: string) => boolean {
  const entry = new URL(entryUrl)
  const protocol = entry.protocol
  const host = entry.host.toLowerCase()
  return (url) => {
    const parsed = URL.parse(url)
    return (
      parsed !== null &&
      parsed.protocol === protocol &&
      parsed.host.toLowerCase() === host &&
      parsed.username === '' &&
      parsed.password === ''
    )
  }
}

/** The page the window loads: the dev server's under `electron-vite dev`, else the app scheme's. */
export function appEntryUrl(options: {
  isPackaged: boolean
  devServerUrl: string | undefined
}): string {
  // A packaged app never loads a dev server, whatever its environment says.
  if (!options.isPackaged && options.devServerUrl) return options.devServerUrl
  return APP_ENTRY_URL
}
