import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const made: string[] = []

/** A temporary folder for the benchmark's data, removed by `removeScratch`. */
export async function scratchDir(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `rp-bench-${name}-`))
  made.push(dir)
  return dir
}

/** Removes every folder `scratchDir` made. */
export async function removeScratch(): Promise<void> {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true })
}
