import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BatchJournal } from '../../../main/sessions/batch-journal.ts'
import { tempDir } from '../../support/temp-dir.ts'

describe('BatchJournal', () => {
  it('appends batches to a file per run and reads them back by offset', () => {
    const dir = tempDir('rp-journal-')
    const journal = new BatchJournal(dir)
    const first = journal.append(1, new Uint8Array([1, 2, 3]))
    const second = journal.append(1, new Uint8Array([4, 5]))
    journal.append(2, new Uint8Array([9]))
    expect([first, second]).toEqual([0, 3])
    expect([...journal.read(1, second, 2)]).toEqual([4, 5])
    journal.close(1)
    // A file reopened later goes on after what it holds.
    expect(journal.append(1, new Uint8Array([6]))).toBe(5)
    expect([...journal.read(1, 0, 6)]).toEqual([1, 2, 3, 4, 5, 6])
  })

  it('says when an index points past the end of a file', () => {
    const journal = new BatchJournal(tempDir('rp-journal-'))
    journal.append(1, new Uint8Array([1]))
    expect(() => journal.read(1, 0, 2)).toThrow(/ends before byte 2/)
  })

  it('removes the files of runs that are gone, and only those', () => {
    const dir = tempDir('rp-journal-')
    const journal = new BatchJournal(dir)
    for (const runId of [1, 2, 3]) journal.append(runId, new Uint8Array([runId]))
    journal.removeAllBut(new Set([2]))
    expect([1, 2, 3].map((runId) => existsSync(join(dir, `${runId}.batches`)))).toEqual([
      false,
      true,
      false,
    ])
  })
})
