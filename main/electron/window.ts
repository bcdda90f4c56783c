import { BrowserWindow, nativeTheme, screen } from 'electron'
import { createPlacementFile, placeWindow } from '../host/desktop/window-bounds.ts'
import { mainWindowOptions } from '../host/desktop/window-options.ts'

/** The main window, where it was last time (see `placeWindow`), its place saved on close. */
export function createMainWindow(preloadPath: string, placementPath: string): BrowserWindow {
  const placementFile = createPlacementFile(placementPath)
  const placement = placeWindow(
    placementFile.read(),
    screen.getAllDisplays().map((display) => display.workArea),
  )
  const window = new BrowserWindow(
    mainWindowOptions({
      preloadPath,
      dark: nativeTheme.shouldUseDarkColors,
      bounds: placement?.bounds,
    }),
  )
  window.once('ready-to-show', () => {
    if (placement?.maximized) window.maximize()
    window.show()
  })
  window.on('close', () =>
    placementFile.write({ bounds: window.getNormalBounds(), maximized: window.isMaximized() }),
  )
  return window
}
