import type { ConnectionEvent } from '../contract/connections.ts'
import { ApiError } from '../contract/errors.ts'
import { connectionEvent } from '../contract/event-check.ts'
import { checkJson } from '../payload/check-json.ts'

/** A row of a log file: an event, or the marker of rows a live view skipped. */
export type LogFileRow = ConnectionEvent | { type: 'skipped'; ts: number; count: number }

/** A file that is not a log the app can read: the sentence says what it is and where. */
export class LogFileError extends Error {
  override readonly name = 'LogFileError'
}

/**
 * Reads a log as the app writes one: `connect --json` output or a log export as NDJSON (one event
 * per line), or a log export as one JSON array. Every event is checked (see event-check.ts).
 */
export function parseEventLog(text: string): LogFileRow[] {
  return [...eventLogRows(text)]
}

/**
 * The rows of a log file one by one, so a caller can read a large file in slices and let a page
 * paint between them. Throws LogFileError at the first row that is not an event.
 */
export function* eventLogRows(text: string): Generator<LogFileRow, void, undefined> {
  const trimmed = text.trimStart()
  if (trimmed === '') throw new LogFileError('The file is empty: there is no log in it')
  if (trimmed.startsWith('[')) {
    const json = checkJson(text)
    if (!json.ok) throw new LogFileError(`The file is not valid JSON: ${json.message}`)
    if (!Array.isArray(json.value)) throw new LogFileError('The file is not a list of events')
    let index = 0
    for (const value of json.value as unknown[]) yield rowOf(value, `event ${++index}`)
    return
  }
  let start = 0
  for (let line = 1; start < text.length; line++) {
    const newline = text.indexOf('\n', start)
    const end = newline === -1 ? text.length : newline
    const row = lineRow(text.slice(start, end), line)
    start = end + 1
    if (row !== null) yield row
  }
}

/**
 * No row of a log file takes fewer bytes: the shortest, `{"type":"skipped","ts":0,"count":1}`,
 * takes 35. A file's size over this bounds its rows.
 */
export const SHORTEST_ROW_BYTES = 32

/** Rows per batch of `eventLogRowsOf`. */
const BATCH_ROWS = 1_000

/**
 * The rows of a log file read as pieces of text (a file's stream, decoded), in batches:
 * NDJSON rows as their lines complete, so a file of a million rows is never one string (decoding
 * one took a second in one task); a JSON array once it is whole.
 */
export async function* eventLogRowsOf(
  pieces: AsyncIterable<string>,
): AsyncGenerator<LogFileRow[], void, undefined> {
  /** The pieces of text not yet read as rows: the start of a line whose end has not come. */
  let held: string[] = []
  let lines: boolean | null = null
  let line = 1
  for await (let piece of pieces) {
    if (lines === null) {
      const head = held.join('') + piece
      const first = head.trimStart()
      if (first !== '') {
        lines = !first.startsWith('[')
        piece = head
        held = []
      }
    }
    if (!lines) {
      held.push(piece) // an array is read once whole
      continue
    }
    let rows: LogFileRow[] = []
    let start = 0
    for (let newline = piece.indexOf('\n'); newline !== -1; newline = piece.indexOf('\n', start)) {
      // A line's pieces are joined once its end comes: a line of megabytes is copied once.
      const text = piece.slice(start, newline)
      const row = lineRow(held.length > 0 ? held.join('') + text : text, line++)
      held = []
      if (row !== null) rows.push(row)
      start = newline + 1
      // A piece can be megabytes: a batch is a few milliseconds of parsing, whatever its size.
      if (rows.length === BATCH_ROWS) {
        yield rows
        rows = []
      }
    }
    if (start < piece.length) held.push(piece.slice(start))
    yield rows
  }
  const rest = held.join('')
  if (!lines) {
    yield [...eventLogRows(rest)]
    return
  }
  const row = lineRow(rest, line)
  if (row !== null) yield [row]
}

/** Line `line` of an NDJSON log: its row, or null for a blank line. */
function lineRow(text: string, line: number): LogFileRow | null {
  const content = text.trim()
  if (content === '') return null
  let value: unknown
  try {
    value = JSON.parse(content)
  } catch {
    const json = checkJson(content)
    throw new LogFileError(
      line === 1 && !content.startsWith('{')
        ? 'The file is not a log: expected one JSON event per line (NDJSON) or a JSON array of events'
        : `Line ${line} is not valid JSON: ${json.ok ? 'it does not parse' : json.message}`,
    )
  }
  if (
    line === 1 &&
    typeof value === 'object' &&
    value !== null &&
    ('format' in value || 'log' in value)
  ) {
    throw new LogFileError(
      'The file is a session export or a HAR file, not a log: compare it on the command line with --run or --entry, or import it into the app first',
    )
  }
  return rowOf(value, `line ${line}`)
}

function rowOf(value: unknown, where: string): LogFileRow {
  const row = value as { type?: unknown; count?: unknown; ts?: unknown } | null
  if (row?.type === 'skipped' && typeof row.count === 'number' && typeof row.ts === 'number') {
    return { type: 'skipped', ts: row.ts, count: row.count }
  }
  try {
    return connectionEvent(value, where)
  } catch (error) {
    if (error instanceof ApiError) throw new LogFileError(error.message)
    throw error
  }
}
