import { describe, expect, it } from 'vitest'
import { appMenuTemplate, type MenuItemTemplate } from '../../../../main/host/desktop/app-menu.ts'

const roles = (items: MenuItemTemplate[] | undefined): string[] =>
  (items ?? []).flatMap((item) => [...(item.role ? [item.role] : []), ...roles(item.submenu)])

describe('appMenuTemplate', () => {
  it('starts with the app menu on macOS, where About lives, and a File menu elsewhere', () => {
    const mac = appMenuTemplate({
      platform: 'darwin',
      isDevelopment: false,
      openExternal: () => {},
    })
    const linux = appMenuTemplate({
      platform: 'linux',
      isDevelopment: false,
      openExternal: () => {},
    })
    expect(mac[0]).toEqual({ role: 'appMenu' })
    expect(roles(mac)).toContain('pasteAndMatchStyle')
    expect(linux[0]).toEqual({ label: '&File', submenu: [{ role: 'quit' }] })
    expect(roles(linux)).toContain('about')
  })

  it('offers DevTools and reload only in development', () => {
    const open = (isDevelopment: boolean) =>
      roles(appMenuTemplate({ platform: 'linux', isDevelopment, openExternal: () => {} }))
    expect(open(true)).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']))
    expect(open(false)).not.toContain('toggleDevTools')
    expect(open(false)).not.toContain('reload')
  })

  it('opens the project’s pages through the given opener', () => {
    const opened: string[] = []
    const help = appMenuTemplate({
      platform: 'win32',
      isDevelopment: false,
      openExternal: (url) => opened.push(url),
    }).find((item) => item.role === 'help')!
    for (const item of help.submenu!) item.click?.()
    expect(opened).toHaveLength(3)
    expect(opened.every((url) => url.startsWith('https://github.com/'))).toBe(true)
  })
})
