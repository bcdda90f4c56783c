import { describe, expect, it } from 'vitest'
import { revealInvisibles } from '../../../../../renderer/features/message-log/invisible-chars.ts'

describe('revealInvisibles', () => {
  it('shows a right-to-left override, so a file name reads as it is', () => {
    expect(revealInvisibles('invoice_\u202egpj.exe')).toBe('invoice_⟨U+202E⟩gpj.exe')
  })

  it('shows NUL, other controls, zero-width spaces, BOMs and isolates', () => {
    expect(revealInvisibles('a\u0000b\u0007c\u200bd\ufeffe\u2066f\u2069\u00ad')).toBe(
      'a⟨U+0000⟩b⟨U+0007⟩c⟨U+200B⟩d⟨U+FEFF⟩e⟨U+2066⟩f⟨U+2069⟩⟨U+00AD⟩',
    )
  })

  it('leaves text, tabs, newlines and emoji sequences alone', () => {
    const text = 'héllo\tworld\n👨‍👩‍👧 مرحبا'
    expect(revealInvisibles(text)).toBe(text)
  })
})
