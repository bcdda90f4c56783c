import type { ConnectionDraft, KeyValueRow } from './session.ts'

/** Secret values by where they sit in a draft: `headers.2`, `auth.token`... */
export type Secrets = Record<string, string>

/** Rows with the secret values blanked; each value goes into `secrets` as `<prefix>.<index>`. */
export function splitSecretRows(
  rows: readonly KeyValueRow[],
  prefix: string,
  secrets: Secrets,
): KeyValueRow[] {
  return rows.map((row, index) => {
    if (!row.secret || row.value === '') return row
    secrets[`${prefix}.${index}`] = row.value
    return { ...row, value: '' }
  })
}

/** Rows with the values `splitSecretRows` took out put back. */
export function mergeSecretRows(
  rows: readonly KeyValueRow[],
  prefix: string,
  secrets: Secrets,
): KeyValueRow[] {
  return rows.map((row, index) => {
    const value = secrets[`${prefix}.${index}`]
    return value === undefined ? row : { ...row, value }
  })
}

const AUTH_SECRET_FIELDS = ['token', 'password', 'value'] as const
/** A client certificate's key, bundle and passphrase: always secret. */
const TLS_SECRET_FIELDS = ['key', 'pfx', 'passphrase'] as const

/**
 * Takes the secret values out of a draft: the headers and variables marked secret, the auth values unless
 * the user said they are not secret, and a client certificate's key, bundle and passphrase. Returns the draft with them blanked, and the values.
 */
export function splitSecrets(draft: ConnectionDraft): { draft: ConnectionDraft; secrets: Secrets } {
  const secrets: Secrets = {}
  const headers = splitSecretRows(draft.headers, 'headers', secrets)
  const variables = splitSecretRows(draft.variables, 'variables', secrets)
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
  const tls = { ...draft.tls }
  for (const field of TLS_SECRET_FIELDS) {
    if (tls[field] === '') continue
    secrets[`tls.${field}`] = tls[field]
    tls[field] = ''
  }
  return {
    draft: { ...draft, headers, variables, auth: auth as ConnectionDraft['auth'], tls },
    secrets,
  }
}

/** Puts secret values back into a draft taken apart by `splitSecrets`. */
export function mergeSecrets(draft: ConnectionDraft, secrets: Secrets): ConnectionDraft {
  const headers = mergeSecretRows(draft.headers, 'headers', secrets)
  const variables = mergeSecretRows(draft.variables, 'variables', secrets)
  const auth: Record<string, unknown> = { ...draft.auth }
  for (const field of AUTH_SECRET_FIELDS) {
    const value = secrets[`auth.${field}`]
    if (value !== undefined && field in auth) auth[field] = value
  }
  const tls = { ...draft.tls }
  for (const field of TLS_SECRET_FIELDS) {
    const value = secrets[`tls.${field}`]
    if (value !== undefined) tls[field] = value
  }
  return { ...draft, headers, variables, auth: auth as ConnectionDraft['auth'], tls }
}
