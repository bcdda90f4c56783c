import type { Shell } from '#common/contract/index.ts'

export type ShortcutAction =
  'new-tab' | 'close-tab' | 'save' | 'compare' | 'toggle-sidebar' | 'next-tab' | 'previous-tab'

const LETTERS: Record<Exclude<ShortcutAction, 'next-tab' | 'previous-tab'>, string> = {
  'new-tab': 'T',
  'close-tab': 'W',
  save: 'S',
  compare: 'K',
  'toggle-sidebar': 'B',
}

/**
 * The key of a workspace shortcut, or null. Ctrl/Cmd+T, Ctrl/Cmd+W, Ctrl/Cmd+S and Ctrl/Cmd+K
 * (compare the active tab with…); a browser keeps the first two for itself, so Alt+T and Alt+W
 * work too, and Alt+K with them.
 */
export function shortcutOf(event: KeyboardEvent): ShortcutAction | null {
  const cycle = tabCycleOf(event)
  if (cycle) return cycle
  const primary = (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey
  const alternate = event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey
  if (!primary && !alternate) return null
  const key = event.key.toLowerCase()
  for (const [action, letter] of Object.entries(LETTERS) as [keyof typeof LETTERS, string][])
    if (key === letter.toLowerCase() || event.code === `Key${letter}`)
      return alternate && action === 'save' ? null : action
  return null
}

/**
 * Ctrl+Tab and Ctrl+Shift+Tab, Ctrl+PageDown and Ctrl+PageUp (the desktop app; a browser keeps
 * them), and Alt+PageDown and Alt+PageUp (everywhere): the next and the previous tab.
 */
function tabCycleOf(event: KeyboardEvent): 'next-tab' | 'previous-tab' | null {
  const control = event.ctrlKey && !event.altKey && !event.metaKey
  if (control && event.key === 'Tab') return event.shiftKey ? 'previous-tab' : 'next-tab'
  const paging = (control || (event.altKey && !event.ctrlKey && !event.metaKey)) && !event.shiftKey
  if (paging && event.key === 'PageDown') return 'next-tab'
  if (paging && event.key === 'PageUp') return 'previous-tab'
  return null
}

/** How to press a shortcut in this shell, for tooltips. */
export function shortcutLabel(action: keyof typeof LETTERS, shell: Shell, isMac: boolean): string {
  const letter = LETTERS[action]
  const primary = `${isMac ? '⌘' : 'Ctrl+'}${letter}`
  // A page can take Ctrl+S and Ctrl+K from the browser, not Ctrl+T or Ctrl+W.
  return shell === 'browser' && (action === 'new-tab' || action === 'close-tab')
    ? `Alt+${letter}`
    : primary
}
