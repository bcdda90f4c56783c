import {
  EMPTY_VARIABLE_SETS,
  mergeVariableSecrets,
  splitVariableSecrets,
  variableSets,
  type VariableSets,
} from '#common/contract/variables.ts'
import { readAppState, writeAppState } from './app-state.ts'
import { openSecrets, sealSecrets, type SecretCodec } from './secrets.ts'
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
