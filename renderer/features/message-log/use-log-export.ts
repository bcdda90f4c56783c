import { formatCount } from '#common/format/count.ts'
import { ref } from 'vue'
import { useToastStore } from '../../stores/toasts.ts'
import {
  download,
  exportFileName,
  exportLog,
  streamExport,
  type ExportFormat,
} from './export-log.ts'
import type { LogSource } from './log-source.ts'

/** The File System Access API's save dialog (Chromium and Electron), where the page has it. */
type SavePicker = (options: { suggestedName: string }) => Promise<FileSystemFileHandle>

/**
 * Exporting a log view's rows. Rows only on disk (a live log's journal) are read and written a
 * page at a time into a file the user picks, with progress and Cancel; a log held whole is one
 * download.
 */
export function useLogExport(source: () => LogSource, title: () => string) {
  const toasts = useToastStore()
  /** A streamed export under way: rows written of all, and what stops it. */
  const exporting = ref<{ rows: number; total: number; stop: AbortController } | null>(null)

  async function exportAs(format: ExportFormat): Promise<void> {
    const log = source()
    const fileName = exportFileName(title(), format)
    const pick = (window as { showSaveFilePicker?: SavePicker }).showSaveFilePicker
    if (!log.olderRows || log.held <= log.first || !pick) {
      if (log.held > log.first)
        toasts.show('Only the rows held were exported: this page cannot write a file as it reads.')
      download(exportLog(log.rows(), format), fileName)
      return
    }
    let handle: FileSystemFileHandle
    try {
      handle = await pick({ suggestedName: fileName })
    } catch {
      return // The user closed the dialog.
    }
    const stop = new AbortController()
    exporting.value = { rows: 0, total: log.total - log.first, stop }
    // The reactive object, not the one assigned: the count on screen follows it.
    const progress = exporting.value
    try {
      const outcome = await streamExport(
        log.olderRows(),
        log.rows(),
        format,
        await handle.createWritable(),
        (rows) => (progress.rows = rows),
        stop.signal,
      )
      toasts.show(
        outcome === 'done'
          ? `Exported ${formatCount(progress.rows)} rows to ${handle.name}`
          : 'Export cancelled: the file was not written',
      )
    } catch (error) {
      toasts.error('Could not export the log', error)
    } finally {
      exporting.value = null
    }
  }

  return { exporting, exportAs }
}
