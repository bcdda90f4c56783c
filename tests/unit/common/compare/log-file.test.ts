import { describe, expect, it } from 'vitest'
import { LogFileError, parseEventLog } from '#common/compare/index.ts'

const message =
  '{"type":"message","seq":2,"ts":5,"direction":"in","kind":"text","size":1,"data":"a"}'

describe('parseEventLog', () => {
  it('reads NDJSON (connect --json, a log export) and a JSON array, skipped rows too', () => {
    const ndjson = `{"type":"connecting","seq":1,"ts":0,"attempt":1,"url":"ws://h"}\n${message}\n\n`
    expect(parseEventLog(ndjson).map((row) => row.type)).toEqual(['connecting', 'message'])
    const array = `[\n${message},\n{"type":"skipped","ts":6,"count":3}\n]\n`
    expect(parseEventLog(array)).toEqual([
      JSON.parse(message),
      { type: 'skipped', ts: 6, count: 3 },
    ])
  })

  it.each([
    ['', 'The file is empty'],
    ['hello world', 'The file is not a log'],
    [`${message}\n{"type":`, 'Line 2 is not valid JSON'],
    ['{"format":"realtime-playground/session"}', 'is a session export or a HAR file'],
    [
      '[{"type":"message","seq":1,"ts":1,"direction":"up","kind":"text","size":1}]',
      'event 1.direction must be one of',
    ],
    ['[1, 2', 'The file is not valid JSON'],
  ])('refuses %j, saying why', (text, why) => {
    expect(() => parseEventLog(text)).toThrow(LogFileError)
    expect(() => parseEventLog(text)).toThrow(why)
  })
})
