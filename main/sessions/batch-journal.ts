import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'

const SUFFIX = '.batches'

/**
 * The batches of recorded runs (main/common/batch), one append-only file per run in `dir`. A
 * batch is one write into the page cache: 186 MB takes ~33 ms here, where the same bytes as
 * SQLite rows take ~1.4 s (WAL frames and checkpoints; see the closing notes of the firehose
 * work). SQLite keeps the index (run_batches): which bytes of which file hold which rows. Each
 * batch is written before its index row, so an index row never points past what was written;
 * bytes after the last indexed batch (a crash between the two) are never read.
 */
export class BatchJournal {
  readonly #dir: string
  readonly #writing = new Map<number, { fd: number; size: number }>()

  constructor(dir: string) {
    this.#dir = dir
  }

  /** Appends a batch to the run's file; returns where it starts. */
  append(runId: number, batch: Uint8Array): number {
    const file = this.#fileFor(runId)
    const offset = file.size
    let written = 0
    while (written < batch.length) written += writeSync(file.fd, batch, written)
    file.size += batch.length
    return offset
  }

  /** The `length` bytes at `offset` of the run's file. */
  read(runId: number, offset: number, length: number): Uint8Array {
    const fd = openSync(this.#path(runId), 'r')
    try {
      const bytes = new Uint8Array(length)
      let read = 0
      while (read < length) {
        const n = readSync(fd, bytes, read, length - read, offset + read)
        if (n === 0)
          throw new Error(`The journal of run ${runId} ends before byte ${offset + length}`)
        read += n
      }
      return bytes
    } finally {
      closeSync(fd)
    }
  }

  /**
   * Reads one after another from the run's file, into one buffer: each answer is good until the
   * next read (for a scan, which uses a batch and lets it go). Close it when done.
   */
  reader(runId: number): { read(offset: number, length: number): Uint8Array; close(): void } {
    const fd = openSync(this.#path(runId), 'r')
    let buffer = new Uint8Array(1024 * 1024)
    return {
      read(offset, length) {
        if (buffer.length < length) buffer = new Uint8Array(length * 2)
        let read = 0
        while (read < length) {
          const n = readSync(fd, buffer, read, length - read, offset + read)
          if (n === 0)
            throw new Error(`The journal of run ${runId} ends before byte ${offset + length}`)
          read += n
        }
        return buffer.subarray(0, length)
      },
      close: () => closeSync(fd),
    }
  }

  /** Closes the run's file (it is done being written). */
  close(runId: number): void {
    const file = this.#writing.get(runId)
    if (!file) return
    this.#writing.delete(runId)
    closeSync(file.fd)
  }

  /** Removes the run's file. */
  remove(runId: number): void {
    this.close(runId)
    rmSync(this.#path(runId), { force: true })
  }

  /** Removes the files of runs that no longer exist (their sessions were deleted). */
  removeAllBut(runIds: ReadonlySet<number>): void {
    let names: string[]
    try {
      names = readdirSync(this.#dir)
    } catch {
      return // no journal yet
    }
    for (const name of names) {
      const runId = Number(name.slice(0, -SUFFIX.length))
      if (name.endsWith(SUFFIX) && Number.isSafeInteger(runId) && !runIds.has(runId))
        this.remove(runId)
    }
  }

  #fileFor(runId: number): { fd: number; size: number } {
    let file = this.#writing.get(runId)
    if (!file) {
      mkdirSync(this.#dir, { recursive: true })
      const fd = openSync(this.#path(runId), 'a')
      file = { fd, size: fstatSync(fd).size }
      this.#writing.set(runId, file)
    }
    return file
  }

  #path(runId: number): string {
    return join(this.#dir, `${runId}${SUFFIX}`)
  }
}
