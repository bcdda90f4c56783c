import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A stand-in for the built renderer, so host tests do not depend on a build. */
export async function createRendererFixture(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rp-renderer-'))
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>fixture</title>')
  return dir
}
