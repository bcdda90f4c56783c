import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BatchJournal } from '../../../main/sessions/batch-journal.ts'
import { tempDir } from '../../support/temp-dir.ts'

/** Appends `batches` (off the loop) and resolves with where each starts. */
function append(journal: BatchJournal, runId: number, ...batches: number[][]): Promise<number[]> {
  return new Promise((resolve, reject) =>
    journal.appendAll(
      runId,
      batches.map((bytes) => new Uint8Array(bytes)),
      (error, offsets) => (error ? reject(error) : resolve(offsets)),
    ),
  )
}

describe('BatchJournal', () => {
  it('appends batches to a file per run and reads them back by offset', async () => {
    const dir = tempDir('rp-journal-')
    const journal = new BatchJournal(dir)
    const [first, second] = await append(journal, 1, [1, 2, 3], [4, 5])
    await append(journal, 2, [9])
    expect([first, second]).toEqual([0, 3])
    expect([...journal.read(1, second!, 2)]).toEqual([4, 5])
    expect(await append(journal, 1, [7, 8])).toEqual([5])
    journal.close(1)
    // A file reopened later goes on after what it holds.
    expect(await append(journal, 1, [6])).toEqual([7])
    expect([...journal.read(1, 0, 8)]).toEqual([1, 2, 3, 4, 5, 7, 8, 6])
  })

  it('says when an index points past the end of a file', async () => {
    const journal = new BatchJournal(tempDir('rp-journal-'))
    await append(journal, 1, [1])
    expect(() => journal.read(1, 0, 2)).toThrow(/ends before byte 2/)
  })

  it('removes the files of runs that are gone, and only those', async () => {
    const dir = tempDir('rp-journal-')
    const journal = new BatchJournal(dir)
    for (const runId of [1, 2, 3]) await append(journal, runId, [runId])
    journal.removeAllBut(new Set([2]))
    expect([1, 2, 3].map((runId) => existsSync(join(dir, `${runId}.batches`)))).toEqual([
      false,
      true,
      false,
    ])
  })
})
