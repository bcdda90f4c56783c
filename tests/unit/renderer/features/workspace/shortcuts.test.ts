import { describe, expect, it } from 'vitest'
import { shortcutLabel, shortcutOf } from '../../../../../renderer/features/workspace/shortcuts.ts'

const key = (init: Partial<KeyboardEvent>) =>
  ({
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    key: '',
    code: '',
    ...init,
  }) as KeyboardEvent

describe('shortcutOf', () => {
  it('knows Ctrl/Cmd+T, Ctrl/Cmd+W and their Alt alternatives', () => {
    expect(shortcutOf(key({ ctrlKey: true, key: 't' }))).toBe('new-tab')
    expect(shortcutOf(key({ metaKey: true, key: 'w' }))).toBe('close-tab')
    expect(shortcutOf(key({ altKey: true, key: 'T' }))).toBe('new-tab')
    expect(shortcutOf(key({ ctrlKey: true, shiftKey: true, key: 't' }))).toBeNull()
    expect(shortcutOf(key({ key: 't' }))).toBeNull()
  })

  it('knows Ctrl/Cmd+S, also by its physical key on other layouts', () => {
    expect(shortcutOf(key({ ctrlKey: true, key: 's' }))).toBe('save')
    expect(shortcutOf(key({ metaKey: true, key: 'ы', code: 'KeyS' }))).toBe('save')
    expect(shortcutOf(key({ ctrlKey: true, key: 'x' }))).toBeNull()
  })
})

describe('shortcutLabel', () => {
  it('shows the keys that work in the shell', () => {
    expect(shortcutLabel('new-tab', 'electron', false)).toBe('Ctrl+T')
    expect(shortcutLabel('new-tab', 'electron', true)).toBe('⌘T')
    expect(shortcutLabel('close-tab', 'browser', false)).toBe('Alt+W')
    expect(shortcutLabel('save', 'browser', false)).toBe('Ctrl+S')
    expect(shortcutLabel('save', 'browser', true)).toBe('⌘S')
  })
})
