import type { Shell } from '#common/contract/index.ts'

export type ShortcutAction = 'new-tab' | 'close-tab'

/**
 * The key of a workspace shortcut, or null. Ctrl/Cmd+T and Ctrl/Cmd+W; a browser keeps those
 * for itself, so Alt+T and Alt+W work too.
 */
export function shortcutOf(event: KeyboardEvent): ShortcutAction | null {
  const primary = (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey
  const alternate = event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey
  if (!primary && !alternate) return null
  const key = event.key.toLowerCase()
  if (key === 't' || event.code === 'KeyT') return 'new-tab'
  if (key === 'w' || event.code === 'KeyW') return 'close-tab'
  return null
}

/** How to press a shortcut in this shell, for tooltips. */
export function shortcutLabel(action: ShortcutAction, shell: Shell, isMac: boolean): string {
  const letter = action === 'new-tab' ? 'T' : 'W'
  const primary = `${isMac ? '⌘' : 'Ctrl+'}${letter}`
  return shell === 'browser' ? `Alt+${letter}` : primary
}
