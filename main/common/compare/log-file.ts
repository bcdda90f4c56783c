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
  const trimmed = text.trimStart()
  if (trimmed === '') throw new LogFileError('The file is empty: there is no log in it')
  if (trimmed.startsWith('[')) {
    const json = checkJson(text)
    if (!json.ok) throw new LogFileError(`The file is not valid JSON: ${json.message}`)
    if (!Array.isArray(json.value)) throw new LogFileError('The file is not a list of events')
    return json.value.map((value, index) => rowOf(value, `event ${index + 1}`))
  }
  const rows: LogFileRow[] = []
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim()
    if (line === '') continue
    const json = checkJson(line)
    if (!json.ok) {
      throw new LogFileError(
        i === 0 && !line.startsWith('{')
          ? 'The file is not a log: expected one JSON event per line (NDJSON) or a JSON array of events'
          : `Line ${i + 1} is not valid JSON: ${json.message}`,
      )
    }
    const value = json.value as Record<string, unknown> | null
    if (i === 0 && value && typeof value === 'object' && ('format' in value || 'log' in value)) {
      throw new LogFileError(
        'The file is a session export or a HAR file, not a log: compare it on the command line with --run or --entry, or import it into the app first',
      )
    }
    rows.push(rowOf(json.value, `line ${i + 1}`))
  }
  return rows
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
