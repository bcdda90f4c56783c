import { describe, expect, it } from 'vitest'
import type { ConnectionEvent } from '#common/contract/index.ts'
import {
  exportFileName,
  exportLog,
} from '../../../../../renderer/features/message-log/export-log.ts'

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
