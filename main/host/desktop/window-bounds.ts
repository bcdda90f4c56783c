import { readFileSync, writeFileSync } from 'node:fs'
import { DEFAULT_SIZE } from './window-options.ts'

export interface Rectangle {
  x: number
  y: number
  width: number
  height: number
}

/** The window's place, kept across restarts. */
export interface WindowPlacement {
  bounds: Rectangle
  maximized: boolean
}

/** How much of a window must stay on a display to be reachable: its title bar, roughly. */
const MIN_VISIBLE = { width: 120, height: 40 }

/**
 * Where to put the window on start: where it was, shrunk to fit, as long as enough of its top
 * shows on one of today's displays to grab it; otherwise the default size, centred on the first
 * display. A display unplugged since (a laptop off its dock) never leaves the window out of reach.
 */
export function placeWindow(
  saved: WindowPlacement | null,
  workAreas: readonly Rectangle[],
): WindowPlacement | null {
  const primary = workAreas[0]
  if (saved === null || primary === undefined) return saved
  const { bounds } = saved
  const area = workAreas.find((candidate) => titleBarShowsOn(bounds, candidate))
  if (area) {
    const width = Math.min(bounds.width, area.width)
    const height = Math.min(bounds.height, area.height)
    return {
      bounds: {
        x: Math.min(Math.max(bounds.x, area.x), area.x + area.width - width),
        y: Math.min(Math.max(bounds.y, area.y), area.y + area.height - height),
        width,
        height,
      },
      maximized: saved.maximized,
    }
  }
  const width = Math.min(DEFAULT_SIZE.width, primary.width)
  const height = Math.min(DEFAULT_SIZE.height, primary.height)
  return {
    bounds: {
      x: primary.x + Math.round((primary.width - width) / 2),
      y: primary.y + Math.round((primary.height - height) / 2),
      width,
      height,
    },
    maximized: saved.maximized,
  }
}

function titleBarShowsOn(bounds: Rectangle, area: Rectangle): boolean {
  const left = Math.max(bounds.x, area.x)
  const right = Math.min(bounds.x + bounds.width, area.x + area.width)
  const top = Math.max(bounds.y, area.y)
  const bottom = Math.min(bounds.y + MIN_VISIBLE.height, area.y + area.height)
  return right - left >= MIN_VISIBLE.width && bottom - top >= MIN_VISIBLE.height / 2
}

/** The placement file in the app's data folder; anything unreadable counts as no placement. */
export function createPlacementFile(path: string): {
  read(): WindowPlacement | null
  write(placement: WindowPlacement): void
} {
  return {
    read() {
      try {
        return parsePlacement(JSON.parse(readFileSync(path, 'utf8')))
      } catch {
        return null
      }
    },
    write(placement) {
      try {
        writeFileSync(path, `${JSON.stringify(placement)}\n`)
      } catch (error) {
        // A read-only data folder costs the remembered size, nothing else.
        console.error(`Could not remember the window's place in ${path}: ${String(error)}`)
      }
    },
  }
}

function parsePlacement(value: unknown): WindowPlacement | null {
  if (typeof value !== 'object' || value === null) return null
  const { bounds, maximized } = value as Partial<Record<keyof WindowPlacement, unknown>>
  if (typeof bounds !== 'object' || bounds === null) return null
  const rect = bounds as Record<string, unknown>
  const numbers = [rect.x, rect.y, rect.width, rect.height]
  if (!numbers.every((n) => typeof n === 'number' && Number.isSafeInteger(n))) return null
  const [x, y, width, height] = numbers as number[]
  if (width! < 1 || height! < 1) return null
  return { bounds: { x: x!, y: y!, width: width!, height: height! }, maximized: maximized === true }
}
