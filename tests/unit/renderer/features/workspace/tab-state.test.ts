import { describe, expect, it } from 'vitest'
import { defaultDraft, type ConnectionDraft } from '#common/contract/index.ts'
import {
  maskedPartText,
  persistedSavedText,
  restoredSavedText,
  savedPartText,
} from '../../../../../renderer/features/workspace/tab-state.ts'

function withSecrets(): ConnectionDraft {
  return {
    ...defaultDraft('ws://127.0.0.1:9/ws'),
    headers: [
      { name: 'Authorization', value: 'Bearer s3cret', enabled: true, secret: true },
      { name: 'X-Trace', value: 'visible', enabled: true },
    ],
    auth: { type: 'api-key', header: 'X-API-Key', value: 'k3y' },
  }
}

describe('the saved text of a tab', () => {
  it('is written to the workspace without secret values', () => {
    const part = { draft: withSecrets(), savedMessages: [] }
    const persisted = persistedSavedText(savedPartText(part))!
    expect(persisted).not.toContain('s3cret')
    expect(persisted).not.toContain('k3y')
    expect(persisted).toContain('visible')
    expect(persistedSavedText(null)).toBeNull()
  })

  it('comes back clean when the tab matches what was saved, secrets aside', () => {
    const part = { draft: withSecrets(), savedMessages: [] }
    const persisted = persistedSavedText(savedPartText(part))
    // The restored draft lost its secrets (nothing could encrypt them): still no unsaved changes.
    const restored = { draft: maskedDraft(part.draft), savedMessages: [] }
    expect(restoredSavedText(restored, persisted)).toBe(savedPartText(restored))
    expect(restoredSavedText(part, persisted)).toBe(savedPartText(part))
  })

  it('comes back marking unsaved changes that were made before the reload', () => {
    const saved = { draft: withSecrets(), savedMessages: [] }
    const persisted = persistedSavedText(savedPartText(saved))
    const edited = { draft: { ...saved.draft, url: 'ws://127.0.0.1:9/other' }, savedMessages: [] }
    expect(restoredSavedText(edited, persisted)).not.toBe(savedPartText(edited))
    expect(restoredSavedText(edited, null)).toBeNull()
  })
})

function maskedDraft(draft: ConnectionDraft): ConnectionDraft {
  return (JSON.parse(maskedPartText({ draft, savedMessages: [] })) as { draft: ConnectionDraft })
    .draft
}
