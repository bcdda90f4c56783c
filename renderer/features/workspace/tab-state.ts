import { splitSecrets, type ConnectionDraft, type SavedMessage } from '#common/contract/index.ts'

/** What a tab holds that its session keeps: compared as text to mark unsaved changes. */
export interface SavedPart {
  draft: ConnectionDraft
  savedMessages: readonly SavedMessage[]
}

export function savedPartText(part: SavedPart): string {
  return JSON.stringify({ draft: part.draft, savedMessages: part.savedMessages })
}

/**
 * The same text with secret values blanked: what may be written into the saved workspace, which
 * must not carry secrets in the clear.
 */
export function maskedPartText(part: SavedPart): string {
  return savedPartText({ ...part, draft: splitSecrets(part.draft).draft })
}

/**
 * A restored tab's saved text: the full text of what it holds now when that matches what was
 * saved (secrets aside), else the stored masked text, which then marks the tab unsaved.
 */
export function restoredSavedText(part: SavedPart, stored: string | null): string | null {
  if (stored === null) return null
  return maskedPartText(part) === stored ? savedPartText(part) : stored
}

/** What to persist of a tab's saved text: masked, since the full text holds secrets. */
export function persistedSavedText(saved: string | null): string | null {
  return saved === null ? null : maskedPartText(JSON.parse(saved) as SavedPart)
}
