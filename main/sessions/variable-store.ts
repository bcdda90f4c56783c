import {
  EMPTY_VARIABLE_SETS,
  mergeVariableSecrets,
  splitVariableSecrets,
  variableSets,
  type VariableSets,
} from '#common/contract/variables.ts'
import { existsSync } from 'node:fs'
import { DatabaseSync } from 'node:sqlite'
import { readAppState, writeAppState } from './app-state.ts'
import { NO_ENCRYPTION, openSecrets, sealSecrets, type SecretCodec } from './secrets.ts'
import type { SessionStore } from './session-store.ts'

/**
 * The global variables and the environments, kept as one value in the session database; secret
 * values are sealed like a session's (or not written, where no encryption is available and the
 * user has not allowed plain text).
 */
export class VariableStore {
  readonly #sessions: SessionStore
  readonly #codec: SecretCodec

  constructor(sessions: SessionStore, codec: SecretCodec) {
    this.#sessions = sessions
    this.#codec = codec
  }

  get(): VariableSets {
    const value = readAppState(this.#sessions.db, 'variables')
    if (value === null) return EMPTY_VARIABLE_SETS
    try {
      const stored = JSON.parse(value) as { sets: unknown; secrets: string | null }
      return mergeVariableSecrets(
        variableSets(stored.sets, 'variables'),
        openSecrets(stored.secrets, this.#codec),
      )
    } catch {
      // Damaged beyond reading: kept aside (nothing is lost), and the user starts over rather
      // than the app failing to start.
      if (!this.#sessions.status().readOnly)
        writeAppState(this.#sessions.db, 'variables_damaged', value)
      return EMPTY_VARIABLE_SETS
    }
  }

  save(sets: VariableSets): void {
    this.#sessions.assertWritable()
    const split = splitVariableSecrets(sets)
    const secrets = sealSecrets(split.secrets, this.#sessions.secretStorage(), this.#codec)
    writeAppState(this.#sessions.db, 'variables', JSON.stringify({ sets: split.sets, secrets }))
  }
}

/**
 * The variable sets of the session database at `path`, read without changing anything (the app
 * may be running): for `run --env`. Secret values sealed by a keychain stay blank; null when there
 * is no database.
 */
export function readVariableSets(path: string): VariableSets | null {
  if (!existsSync(path)) return null
  const db = new DatabaseSync(path, { readOnly: true })
  try {
    const value = readAppState(db, 'variables')
    if (value === null) return EMPTY_VARIABLE_SETS
    const stored = JSON.parse(value) as { sets: unknown; secrets: string | null }
    return mergeVariableSecrets(
      variableSets(stored.sets, 'variables'),
      openSecrets(stored.secrets, NO_ENCRYPTION),
    )
  } finally {
    db.close()
  }
}
