import { app, session, shell, type WebContents } from 'electron'
import {
  allowsRedirect,
  decideNavigation,
  decideWindowOpen,
  isPermissionGranted,
} from '../host/desktop/navigation-policy.ts'

/**
 * App-wide hardening, applied to every web contents ever created: the decisions are
 * `navigation-policy.ts`'s, this only hands them to Electron.
 */
export function hardenApp(isAppUrl: (url: string) => boolean): void {
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => {
    callback(isPermissionGranted(permission))
  })
  session.defaultSession.setPermissionCheckHandler((_contents, permission) =>
    isPermissionGranted(permission),
  )

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event) => {
      const decision = decideNavigation(event.url, isAppUrl)
      if (decision.allow) return
      event.preventDefault()
      if (decision.openExternally !== null) void shell.openExternal(decision.openExternally)
    })
    contents.on('will-redirect', (event) => {
      if (!allowsRedirect(event.url, isAppUrl)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(({ url }) => {
      const { openExternally } = decideWindowOpen(url)
      if (openExternally !== null) void shell.openExternal(openExternally)
      return { action: 'deny' }
    })
  })
}
