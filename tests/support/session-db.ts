import { dirname, join } from 'node:path'
import { openSessionDatabase, type OpenedDatabase } from '../../main/sessions/database.ts'
import { ComparisonStore } from '../../main/sessions/comparison-store.ts'
import { RunStore } from '../../main/sessions/run-store.ts'
import type { SecretCodec } from '../../main/sessions/secrets.ts'
import { SessionStore } from '../../main/sessions/session-store.ts'
import { tempDir } from './temp-dir.ts'

/** Stands in for the OS keychain: reversible, and never the plain text. */
export const TEST_KEYCHAIN: SecretCodec = {
  available: true,
  encrypt: (plain) => `sealed:${Buffer.from(plain).toString('base64')}`,
  decrypt: (sealed) => Buffer.from(sealed.slice('sealed:'.length), 'base64').toString(),
}

/** A real session database in a new temp folder, with its stores. */
export function openTestStores(
  codec?: SecretCodec,
  path = join(tempDir('rp-sessions-'), 'sessions.sqlite'),
) {
  const opened: OpenedDatabase = openSessionDatabase(path)
  return {
    opened,
    path,
    sessions: new SessionStore(opened, codec ?? TEST_KEYCHAIN),
    runs: new RunStore(opened.db, join(dirname(path), 'runs')),
    comparisons: new ComparisonStore(opened.db),
  }
}
