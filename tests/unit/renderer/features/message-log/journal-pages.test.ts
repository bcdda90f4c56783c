import { describe, expect, it } from 'vitest'
import { defaultDraft, type MessageEvent } from '#common/contract/index.ts'
import {
  JOURNAL_PAGE_ROWS,
  JournalPages,
} from '../../../../../renderer/features/message-log/journal-pages.ts'
import { RunRecorder } from '../../../../../main/sessions/run-recorder.ts'
import { batchOf } from '../../../../support/batches.ts'
import { openTestStores } from '../../../../support/session-db.ts'

const text = (seq: number, runId: number): MessageEvent => ({
  type: 'message',
  seq,
  ts: 1000 + seq,
  direction: 'in',
  kind: 'text',
  size: 12,
  data: `run ${runId} #${seq}`.padEnd(12),
})

/** A real run store holding runs of these many rows (the last one still going). */
async function journals(...sizes: number[]) {
  const { runs, sessions } = openTestStores()
  const session = sessions.save({ name: 's', draft: defaultDraft('ws://h'), savedMessages: [] })
  const ids: number[] = []
  for (const size of sizes) {
    const runId = runs.begin(session.id, 'ws', 'ws://h', 1000)
    const recorder = new RunRecorder(runs, runId)
    for (let from = 1; from <= size; from += 1000) {
      const seqs = Array.from({ length: Math.min(1000, size - from + 1) }, (_, i) => from + i)
      recorder.batch(batchOf(seqs.map((seq) => text(seq, runId))))
    }
    await recorder.drained()
    ids.push(runId)
  }
  let reads = 0
  let loaded = 0
  const pages = new JournalPages(
    (runId, afterSeq, limit) => {
      reads++
      return Promise.resolve(runs.events(runId, afterSeq, limit))
    },
    () => loaded++,
    (error) => {
      throw error
    },
  )
  ids.forEach((runId, i) => {
    pages.add(runId)
    if (i < ids.length - 1) pages.ended(runId, sizes[i]!)
  })
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0))
  return { pages, ids, settle, reads: () => reads, loaded: () => loaded }
}

describe('JournalPages', () => {
  it('places rows by their place in the journals, run after run', async () => {
    const { pages, ids } = await journals(1200, 800, 10)
    expect(pages.positionOf(ids[0]!, 1)).toBe(0)
    expect(pages.positionOf(ids[1]!, 5)).toBe(1204)
    expect(pages.positionOf(ids[2]!, 1)).toBe(2000)
    expect(pages.positionOf(999, 1)).toBeNull()
  })

  it('pages rows in as they are asked for, across the end of a run', async () => {
    const { pages, ids, settle, loaded } = await journals(1200, 800, 10)
    expect(pages.row(1199)).toBeUndefined()
    await settle()
    expect(loaded()).toBe(1)
    // Page 2 holds the first run's last rows and the second's first.
    const page = Math.floor(1199 / JOURNAL_PAGE_ROWS)
    expect(page).toBe(2)
    expect(pages.row(1199)).toMatchObject({ seq: 1200, data: `run ${ids[0]} #1200`.padEnd(12) })
    expect(pages.row(1200)).toMatchObject({ seq: 1, data: `run ${ids[1]} #1`.padEnd(12) })
    expect(pages.row(2005)).toBeUndefined()
    await settle()
    expect(pages.row(2005)).toMatchObject({ seq: 6, data: `run ${ids[2]} #6`.padEnd(12) })
  })

  it('holds a bounded number of pages however far the view goes', async () => {
    const { pages, settle, reads } = await journals(30_000)
    for (let page = 0; page < 60; page++) {
      pages.row(page * JOURNAL_PAGE_ROWS)
      await settle()
    }
    expect(reads()).toBe(60)
    // The newest pages are still here; the oldest went and are read again when looked at.
    expect(pages.row(59 * JOURNAL_PAGE_ROWS)).toMatchObject({ seq: 59 * JOURNAL_PAGE_ROWS + 1 })
    expect(pages.row(0)).toBeUndefined()
    await settle()
    expect(reads()).toBe(61)
  })
})
