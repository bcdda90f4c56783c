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
