/**
 * What the window may do with URLs: stay on the app's own pages, never open windows, and hand
 * https links to the system browser. Each function takes the URL string Chromium hands Electron.
 */

/** The decision on a navigation of the window's page. */
export type NavigationDecision = { allow: true } | { allow: false; openExternally: string | null }

/** A page of the app loads in place; anything else stays out, an https link opening in the browser. */
export function decideNavigation(
  url: string,
  isAppUrl: (url: string) => boolean,
): NavigationDecision {
  return isAppUrl(url) ? { allow: true } : { allow: false, openExternally: externalLink(url) }
}

/** A redirect may only lead to another page of the app. */
export function allowsRedirect(url: string, isAppUrl: (url: string) => boolean): boolean {
  return isAppUrl(url)
}

/** `window.open` and target=_blank never make a window; an https link opens in the browser. */
export function decideWindowOpen(url: string): { openExternally: string | null } {
  return { openExternally: externalLink(url) }
}

/**
 * The URL to give the system browser, or null. Only https: `file:`, custom schemes and
 * `javascript:` would let a page run programs through `shell.openExternal` (Electron's
 * security checklist, item 15), and plain http would leave the machine unencrypted.
 */
export function externalLink(url: string): string | null {
  const parsed = URL.parse(url)
  return parsed?.protocol === 'https:' && parsed.username === '' && parsed.password === ''
    ? parsed.href
    : null
}

/**
 * The one permission the renderer uses: writing text to the clipboard (copy buttons). Camera,
 * microphone, notifications, geolocation and the rest are denied, asked for or merely checked.
 */
const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write'])

export function isPermissionGranted(permission: string): boolean {
  return GRANTED_PERMISSIONS.has(permission)
}
