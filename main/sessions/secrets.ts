import type { ConnectionDraft, SecretStorage } from '#common/contract/index.ts'

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

/** Secret values by where they sit in a draft: `headers.2`, `auth.token`... */
export type Secrets = Record<string, string>

const AUTH_SECRET_FIELDS = ['token', 'password', 'value'] as const

/**
 * Takes the secret values out of a draft: the headers marked secret, and the auth values unless
 * the user said they are not secret. Returns the draft with them blanked, and the values.
 */
export function splitSecrets(draft: ConnectionDraft): { draft: ConnectionDraft; secrets: Secrets } {
  const secrets: Secrets = {}
  const headers = draft.headers.map((row, index) => {
    if (!row.secret || row.value === '') return row
    secrets[`headers.${index}`] = row.value
    return { ...row, value: '' }
  })
  const auth: Record<string, unknown> = { ...draft.auth }
  if (draft.secretAuth) {
    for (const field of AUTH_SECRET_FIELDS) {
      const value = auth[field]
      if (typeof value === 'string' && value !== '') {
        secrets[`auth.${field}`] = value
        auth[field] = ''
      }
    }
  }
  return { draft: { ...draft, headers, auth: auth as ConnectionDraft['auth'] }, secrets }
}

/** Puts secret values back into a draft taken apart by `splitSecrets`. */
export function mergeSecrets(draft: ConnectionDraft, secrets: Secrets): ConnectionDraft {
  const headers = draft.headers.map((row, index) => {
    const value = secrets[`headers.${index}`]
    return value === undefined ? row : { ...row, value }
  })
  const auth: Record<string, unknown> = { ...draft.auth }
  for (const field of AUTH_SECRET_FIELDS) {
    const value = secrets[`auth.${field}`]
    if (value !== undefined && field in auth) auth[field] = value
  }
  return { ...draft, headers, auth: auth as ConnectionDraft['auth'] }
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
