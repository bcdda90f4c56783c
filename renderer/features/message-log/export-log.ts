import type { LogRow } from './log-row.ts'

export type ExportFormat = 'ndjson' | 'json'

/** The log as NDJSON (one event per line) or as one JSON array: the API's event vocabulary. */
export function exportLog(rows: Iterable<LogRow>, format: ExportFormat): Blob {
  const parts: string[] = []
  if (format === 'ndjson') {
    for (const row of rows) parts.push(`${JSON.stringify(row)}\n`)
    return new Blob(parts, { type: 'application/x-ndjson' })
  }
  let first = true
  parts.push('[\n')
  for (const row of rows) {
    parts.push(`${first ? '' : ',\n'}${JSON.stringify(row)}`)
    first = false
  }
  parts.push('\n]\n')
  return new Blob(parts, { type: 'application/json' })
}

/** A file name for the export: the tab's title and the time. */
export function exportFileName(title: string, format: ExportFormat, now = new Date()): string {
  const safe = title.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'log'
  const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, '-')
  return `${safe}-${stamp}.${format === 'ndjson' ? 'ndjson' : 'json'}`
}

/** Hands a file to the browser (or Electron) as a download. */
export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Rows to write at a time: a page read from the journal, or a slice of the rows held. */
const EXPORT_SLICE = 5_000

/** Where a streamed export writes (a file the user picked: FileSystemWritableFileStream). */
export interface ExportSink {
  write(text: string): Promise<void>
  close(): Promise<void>
  abort(): Promise<void>
}

/**
 * Writes a log to `sink` as it is read, slice by slice, so however many rows it has the page
 * holds a slice at a time: `older` (pages read from the journal) then `held` rows. Tells
 * `progress` the rows written; stops, aborting the file, when `signal` says so.
 */
export async function streamExport(
  older: AsyncIterable<readonly LogRow[]>,
  held: Iterable<LogRow>,
  format: ExportFormat,
  sink: ExportSink,
  progress: (rows: number) => void,
  signal: AbortSignal,
): Promise<'done' | 'cancelled'> {
  let written = 0
  const line = (row: LogRow): string =>
    format === 'ndjson'
      ? `${JSON.stringify(row)}\n`
      : `${written++ === 0 ? '' : ',\n'}${JSON.stringify(row)}`
  async function slices(): Promise<void> {
    for await (const rows of older) await put(rows)
    let slice: LogRow[] = []
    for (const row of held) {
      slice.push(row)
      if (slice.length === EXPORT_SLICE) {
        await put(slice)
        slice = []
      }
    }
    await put(slice)
  }
  let rows = 0
  async function put(slice: readonly LogRow[]): Promise<void> {
    if (signal.aborted) throw signal.reason
    if (slice.length === 0) return
    await sink.write(slice.map(line).join(''))
    rows += slice.length
    progress(rows)
  }
  try {
    if (format === 'json') await sink.write('[\n')
    await slices()
    if (format === 'json') await sink.write('\n]\n')
    await sink.close()
    return 'done'
  } catch (error) {
    await sink.abort()
    if (signal.aborted) return 'cancelled'
    throw error
  }
}
