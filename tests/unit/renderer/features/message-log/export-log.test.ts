import { describe, expect, it } from 'vitest'
import type { ConnectionEvent } from '#common/contract/index.ts'
import {
  exportFileName,
  exportLog,
  streamExport,
} from '../../../../../renderer/features/message-log/export-log.ts'
import type { LogRow } from '../../../../../renderer/features/message-log/log-row.ts'
import { textRow } from '../../../../support/log-rows.ts'

const rows: ConnectionEvent[] = [
  { type: 'connecting', seq: 1, ts: 1, attempt: 1, url: 'ws://h' },
  { type: 'message', seq: 2, ts: 2, direction: 'in', kind: 'text', size: 2, data: 'hi' },
]

describe('exportLog', () => {
  it('writes NDJSON, one event per line', async () => {
    const text = await exportLog(rows, 'ndjson').text()
    expect(
      text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown),
    ).toEqual(rows)
  })

  it('writes one JSON array', async () => {
    expect(JSON.parse(await exportLog(rows, 'json').text())).toEqual(rows)
    expect(JSON.parse(await exportLog([], 'json').text())).toEqual([])
  })
})

describe('exportFileName', () => {
  it('names the file after the tab and the time', () => {
    expect(exportFileName('ws echo/1', 'ndjson', new Date('2026-01-02T03:04:05Z'))).toBe(
      'ws-echo-1-2026-01-02-03-04-05.ndjson',
    )
  })
})

describe('streamExport', () => {
  async function* pages(...sizes: number[]): AsyncIterable<LogRow[]> {
    let seq = 0
    for (const size of sizes) {
      // A page read from the journal comes in its own turn.
      await Promise.resolve()
      yield Array.from({ length: size }, () => textRow(++seq))
    }
  }
  function sink() {
    const parts: string[] = []
    const state = { closed: false, aborted: false }
    return {
      parts,
      state,
      write: (text: string) => Promise.resolve(void parts.push(text)),
      close: () => Promise.resolve(void (state.closed = true)),
      abort: () => Promise.resolve(void (state.aborted = true)),
    }
  }

  it('writes the rows kept elsewhere, then those held, a slice at a time, as valid JSON', async () => {
    const into = sink()
    const progress: number[] = []
    const outcome = await streamExport(
      pages(2, 3),
      [textRow(6), textRow(7)],
      'json',
      into,
      (rows) => progress.push(rows),
      new AbortController().signal,
    )
    expect(outcome).toBe('done')
    expect(into.state).toEqual({ closed: true, aborted: false })
    const rows = JSON.parse(into.parts.join('')) as { seq: number }[]
    expect(rows.map((row) => row.seq)).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(progress).toEqual([2, 5, 7])
  })

  it('stops when cancelled, and the file is not kept', async () => {
    const into = sink()
    const stop = new AbortController()
    const outcome = await streamExport(
      pages(2, 3, 4),
      [],
      'ndjson',
      into,
      (rows) => rows >= 2 && stop.abort(),
      stop.signal,
    )
    expect(outcome).toBe('cancelled')
    expect(into.state).toEqual({ closed: false, aborted: true })
    expect(into.parts.join('').trimEnd().split('\n')).toHaveLength(2)
  })
})
