import {
  writev,
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
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

  /**
   * Appends batches to the run's file off the loop (libuv's thread pool does the copying), then
   * calls `done` with where each starts, or the error. One append at a time per run: the next
   * waits for `done`.
   */
  appendAll(
    runId: number,
    batches: readonly Uint8Array[],
    done: (error: Error | null, offsets: number[]) => void,
  ): void {
    let file: { fd: number; size: number }
    try {
      file = this.#fileFor(runId)
    } catch (error) {
      done(error as Error, [])
      return
    }
    if (batches.length === 0) {
      done(null, [])
      return
    }
    const offsets: number[] = []
    let total = 0
    for (const batch of batches) {
      offsets.push(file.size + total)
      total += batch.length
    }
    writev(file.fd, batches, (error, written) => {
      if (error) return done(error, [])
      if (written !== total)
        return done(new Error(`only ${written} of ${total} bytes were written`), [])
      file.size += total
      done(null, offsets)
    })
  }

  /** The `length` bytes at `offset` of the run's file. */
  read(runId: number, offset: number, length: number): Uint8Array {
    const fd = openSync(this.#path(runId), 'r')
    try {
      return readFully(fd, new Uint8Array(length), offset, length, runId)
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
        return readFully(fd, buffer, offset, length, runId)
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

/** Reads `length` bytes at `offset` of `fd` into the start of `into`; returns them. */
function readFully(
  fd: number,
  into: Uint8Array,
  offset: number,
  length: number,
  runId: number,
): Uint8Array {
  let read = 0
  while (read < length) {
    const n = readSync(fd, into, read, length - read, offset + read)
    if (n === 0) throw new Error(`The journal of run ${runId} ends before byte ${offset + length}`)
    read += n
  }
  return into.subarray(0, length)
}
