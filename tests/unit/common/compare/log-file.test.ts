import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import {
  eventLogRowsOf,
  LogFileError,
  parseEventLog,
  SHORTEST_ROW_BYTES,
} from '#common/compare/index.ts'

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

describe('SHORTEST_ROW_BYTES, which bounds the rows of a file by its size', () => {
  it('is no longer than the shortest rows a log can have', () => {
    const shortest = [
      '{"type":"skipped","ts":0,"count":1}',
      '{"type":"message","seq":1,"ts":0,"direction":"in","kind":"ping","size":0}',
      '{"type":"close","seq":1,"ts":0,"code":null,"reason":"","clean":true}',
    ]
    for (const line of shortest) {
      expect(parseEventLog(line)).toHaveLength(1)
      expect(line.length).toBeGreaterThanOrEqual(SHORTEST_ROW_BYTES)
    }
    // Without any one of its fields, the shortest is not a row.
    expect(() => parseEventLog('{"type":"skipped","ts":0}')).toThrow(LogFileError)
  })
})

/** The rows read from `text` cut into pieces of `size` characters, as a file's stream gives it. */
async function streamed(text: string, size: number) {
  const pieces: string[] = []
  for (let at = 0; at < text.length; at += size) pieces.push(text.slice(at, at + size))
  const rows = []
  for await (const batch of eventLogRowsOf(Readable.from(pieces) as AsyncIterable<string>))
    rows.push(...batch)
  return rows
}

describe('eventLogRowsOf, a file read as a stream', () => {
  it('reads the same rows whatever the pieces cut through: lines, CRLF, a last line unended', async () => {
    const ndjson = `{"type":"connecting","seq":1,"ts":0,"attempt":1,"url":"ws://h"}\r\n\n${message}\n${message}`
    for (const size of [1, 7, 64, 100_000])
      expect(await streamed(ndjson, size)).toEqual(parseEventLog(ndjson))
    const array = `  [\n${message},\n{"type":"skipped","ts":6,"count":3}\n]\n`
    for (const size of [1, 5, 100_000])
      expect(await streamed(array, size)).toEqual(parseEventLog(array))
  })

  it.each([
    ['', 'The file is empty'],
    ['hello world', 'The file is not a log'],
    [`${message}\n\n{"type":`, 'Line 3 is not valid JSON'],
    [`\n \n${message}\n{"type":`, 'Line 4 is not valid JSON'],
    ['{"format":"realtime-playground/session"}\n', 'is a session export or a HAR file'],
    ['[1, 2', 'The file is not valid JSON'],
  ])('refuses %j as the whole text does, saying why', async (text, why) => {
    await expect(streamed(text, 3)).rejects.toThrow(LogFileError)
    await expect(streamed(text, 3)).rejects.toThrow(why)
  })
})
