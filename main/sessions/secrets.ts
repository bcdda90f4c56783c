import type { SecretStorage } from '#common/contract/index.ts'
import type { Secrets } from '#common/contract/draft-secrets.ts'

/**
 * Encryption the platform offers for secret values: Electron's safeStorage (the OS keychain), or
 * nothing (browser mode, Linux without a keyring).
 */
export interface SecretCodec {
  readonly available: boolean
  encrypt(plain: string): string
  decrypt(sealed: string): string
}

export const NO_ENCRYPTION: SecretCodec = {
  available: false,
  encrypt: () => {
    throw new Error('No encryption is available here')
  },
  decrypt: () => {
    throw new Error('No encryption is available here')
  },
}

/** How secrets are stored: sealed, in plain text when the user allowed it, or not at all. */
export function secretStorage(codec: SecretCodec, plainTextAllowed: boolean): SecretStorage {
  return codec.available ? 'encrypted' : plainTextAllowed ? 'plaintext' : 'not-saved'
}

/** The stored form of secrets (a column value), or null when they are not to be stored. */
export function sealSecrets(
  secrets: Secrets,
  storage: SecretStorage,
  codec: SecretCodec,
): string | null {
  if (Object.keys(secrets).length === 0) return null
  switch (storage) {
    case 'encrypted':
      return JSON.stringify({ encrypted: codec.encrypt(JSON.stringify(secrets)) })
    case 'plaintext':
      return JSON.stringify({ plain: secrets })
    case 'not-saved':
      return null
    default:
      return storage satisfies never
  }
}

/** Reads stored secrets back; what cannot be decrypted here (another machine's keychain) is left out. */
export function openSecrets(stored: string | null, codec: SecretCodec): Secrets {
  if (stored === null) return {}
  try {
    const value = JSON.parse(stored) as { encrypted?: string; plain?: Secrets }
    if (value.plain) return value.plain
    if (value.encrypted !== undefined && codec.available)
      return JSON.parse(codec.decrypt(value.encrypted)) as Secrets
  } catch {
    // Unreadable secrets are treated as missing; the user re-enters them.
  }
  return {}
}
