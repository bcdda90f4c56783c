import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A new empty folder under the system's temp folder. */
export function tempDir(prefix = 'rp-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}
