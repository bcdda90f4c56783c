import { app, session, shell, type WebContents } from 'electron'

/** The one permission the renderer may use: writing text to the clipboard (copy buttons). */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write'])

/**
 * App-wide hardening, applied to every web contents ever created: no navigation away, no new
 * windows (https links open in the system browser, nothing else does), no webviews, and every
 * permission request denied.
 */
export function hardenApp(isAppUrl: (url: string) => boolean): void {
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => {
    callback(ALLOWED_PERMISSIONS.has(permission))
  })
  session.defaultSession.setPermissionCheckHandler((_contents, permission) =>
    ALLOWED_PERMISSIONS.has(permission),
  )

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (isAppUrl(url)) return
      event.preventDefault()
      openIfHttps(url)
    })
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(({ url }) => {
      openIfHttps(url)
      return { action: 'deny' }
    })
  })
}

function openIfHttps(url: string): void {
  if (URL.canParse(url) && new URL(url).protocol === 'https:') void shell.openExternal(url)
}
