import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createPlacementFile, placeWindow } from '../../../../main/host/desktop/window-bounds.ts'
import { tempDir } from '../../../support/temp-dir.ts'

const laptop = { x: 0, y: 0, width: 1440, height: 900 }
const monitor = { x: 1440, y: 0, width: 2560, height: 1440 }

describe('placeWindow', () => {
  it('keeps a place that is on a display', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1200, height: 800 }, maximized: true }
    expect(placeWindow(saved, [laptop, monitor])).toEqual(saved)
  })

  it('shrinks and moves a window to fit the display its title bar is on', () => {
    const saved = { bounds: { x: 1000, y: -20, width: 2000, height: 1200 }, maximized: false }
    expect(placeWindow(saved, [laptop])).toEqual({
      bounds: { x: 0, y: 0, width: 1440, height: 900 },
      maximized: false,
    })
  })

  it('centres the default size on the first display when the old one is gone', () => {
    const saved = { bounds: { x: 2000, y: 100, width: 1200, height: 800 }, maximized: false }
    expect(placeWindow(saved, [laptop])).toEqual({
      bounds: { x: 80, y: 50, width: 1280, height: 800 },
      maximized: false,
    })
  })

  it('has nothing to say without a saved place', () => {
    expect(placeWindow(null, [laptop])).toBeNull()
  })
})

describe('createPlacementFile', () => {
  it('reads back what it wrote, and nothing from a damaged or foreign file', () => {
    const path = join(tempDir(), 'window-placement.json')
    const file = createPlacementFile(path)
    expect(file.read()).toBeNull()
    const placement = { bounds: { x: 1, y: 2, width: 300, height: 400 }, maximized: true }
    file.write(placement)
    expect(file.read()).toEqual(placement)
    for (const text of [
      '{',
      '[]',
      '{"bounds":{"x":"1","y":2,"width":3,"height":4}}',
      '{"bounds":{"x":1,"y":2,"width":0,"height":4}}',
    ]) {
      writeFileSync(path, text)
      expect(file.read(), text).toBeNull()
    }
  })
})
