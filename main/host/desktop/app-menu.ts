import { PRODUCT, PROJECT_LINKS } from '../product.ts'

/** Menu roles this menu uses; each is one of Electron's `MenuItem` roles. */
type MenuRole =
  | 'appMenu'
  | 'about'
  | 'quit'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'close'
  | 'help'

/** One item, in the shape of Electron's `MenuItemConstructorOptions`. */
export interface MenuItemTemplate {
  label?: string
  role?: MenuRole
  type?: 'separator'
  submenu?: MenuItemTemplate[]
  click?: () => void
}

const separator: MenuItemTemplate = { type: 'separator' }

/**
 * The application menu with the usual roles: Edit (so copy and paste work in text fields on
 * macOS, where they come from the menu), View with zoom (reload and DevTools only in development),
 * Window, and Help with About and the project's pages.
 */
export function appMenuTemplate(options: {
  platform: NodeJS.Platform
  isDevelopment: boolean
  openExternal: (url: string) => void
}): MenuItemTemplate[] {
  const mac = options.platform === 'darwin'
  const link = (label: string, url: string): MenuItemTemplate => ({
    label,
    click: () => options.openExternal(url),
  })
  const appOrFileMenu: MenuItemTemplate = mac
    ? { role: 'appMenu' }
    : { label: '&File', submenu: [{ role: 'quit' }] }
  const only = (condition: boolean, items: MenuItemTemplate[]): MenuItemTemplate[] =>
    condition ? items : []
  return [
    appOrFileMenu,
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        separator,
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        ...only(mac, [{ role: 'pasteAndMatchStyle' }]),
        { role: 'delete' },
        separator,
        { role: 'selectAll' },
      ],
    },
    {
      label: '&View',
      submenu: [
        ...only(options.isDevelopment, [
          { role: 'reload' },
          { role: 'forceReload' },
          { role: 'toggleDevTools' },
          separator,
        ]),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        separator,
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: '&Window',
      submenu: mac
        ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }]
        : [{ role: 'minimize' }, { role: 'close' }],
    },
    {
      role: 'help',
      label: '&Help',
      submenu: [
        link('Documentation', PROJECT_LINKS.home),
        link('Report an Issue', PROJECT_LINKS.issues),
        link('Release Notes', PROJECT_LINKS.releases),
        // macOS has About in the app menu.
        ...only(!mac, [separator, { role: 'about', label: `About ${PRODUCT.productName}` }]),
      ],
    },
  ]
}

/** What the About panel shows (`app.setAboutPanelOptions`). */
export function aboutPanelOptions(versions: { electron?: string; chrome?: string; node?: string }) {
  return {
    applicationName: PRODUCT.productName,
    applicationVersion: PRODUCT.version,
    version: `Electron ${versions.electron ?? '?'} · Chromium ${versions.chrome ?? '?'} · Node ${versions.node ?? '?'}`,
    copyright: 'Copyright © Realtime Playground contributors. MIT licence.',
    website: PROJECT_LINKS.home,
  }
}
