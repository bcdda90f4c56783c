import { describe, expect, it } from 'vitest'
import { expandTemplates } from '../../../../../renderer/features/composer/templates.ts'

const context = () => {
  let counter = 0
  return {
    nextCounter: () => ++counter,
    uuid: () => '00000000-0000-4000-8000-000000000000',
    now: () => Date.UTC(2026, 0, 2, 3, 4, 5, 6),
    random: () => 0.5,
  }
}

describe('expandTemplates', () => {
  it('fills every known variable, the counter counting up', () => {
    expect(
      expandTemplates(
        '{{uuid}} {{timestamp}} {{isoTime}} {{counter}} {{ counter }} {{randomInt}}',
        context(),
      ),
    ).toBe('00000000-0000-4000-8000-000000000000 1767323045006 2026-01-02T03:04:05.006Z 1 2 500000')
  })

  it('leaves unknown names as typed', () => {
    expect(expandTemplates('{{nope}} and {{uuid', context())).toBe('{{nope}} and {{uuid')
  })
})
