import { compileBatchSearch, readBatch, type SearchQuery } from '#common/batch/index.ts'
import type { LogRow } from './log-row.ts'
import { compileSearch, searchableText } from './log-view.ts'

/** Message rows per chunk: a few milliseconds to copy out, a few more to search. */
const CHUNK_ROWS = 32_768
/** Chunks sent and not yet answered: enough to keep the worker busy, few enough to hold. */
const IN_FLIGHT = 2

export type SearchRequest =
  | { type: 'query'; id: number; query: SearchQuery }
  | { type: 'chunk'; id: number; chunk: number; rows: Int32Array; batch: Uint8Array }

export type SearchReply = { type: 'hits'; id: number; chunk: number; rows: Int32Array }

/** What a search reads of a log (a LogSource). */
export interface SearchableLog {
  readonly total: number
  row(n: number): LogRow | undefined
  exportRows(
    from: number,
    to: number,
    pass: (n: number) => boolean,
    maxRows: number,
  ): { rows: Int32Array; batch: Uint8Array; others: number[]; next: number }
}

/** Gives the page its turn between chunks (see compare-runner.ts for why a message channel). */
function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => resolve()
    channel.port2.postMessage(null)
  })
}

/**
 * Searches a log off the page's thread, in chunks, and hands over the matching row numbers as each
 * chunk is done, in order: the first hits show while the rest is searched. The page only copies
 * rows out (LogBuffer.exportRows); the worker reads them. A new search supersedes the one running;
 * `extend` searches the rows that came since. Where no worker can start, chunks are searched on
 * the page, between frames.
 */
export function createLogSearch(onHits: (rows: ArrayLike<number>) => void, onIdle: () => void) {
  let worker: Worker | null | undefined
  let id = 0
  let query: SearchQuery | null = null
  /** For the rows that are not in batches (lifecycle events): the same search, on their text. */
  let othersMatcher: ((text: string) => boolean) | null = null
  let log: SearchableLog | null = null
  let pass: (n: number) => boolean = () => true
  /** Rows up to here are searched or queued. */
  let searchedTo = 0
  let to = 0
  let running = false
  const waiting = new Map<number, (rows: Int32Array) => void>()

  /** Ends the search under way: its chunks still out answer empty, and its loop sees a new id. */
  function supersede(): void {
    id++
    for (const resolve of waiting.values()) resolve(new Int32Array(0))
    waiting.clear()
  }

  function workerOrNull(): Worker | null {
    if (worker !== undefined) return worker
    try {
      worker = new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module' })
      worker.onmessage = ({ data }: MessageEvent<SearchReply>) => {
        if (data.id !== id) return
        waiting.get(data.chunk)?.(data.rows)
        waiting.delete(data.chunk)
      }
    } catch {
      worker = null
    }
    return worker
  }

  /** The chunk's matching rows: the worker's, and the other rows' tested here, in order. */
  async function searchChunk(chunk: number, exported: ReturnType<SearchableLog['exportRows']>) {
    const target = workerOrNull()
    let rows: ArrayLike<number>
    if (target) {
      const reply = new Promise<Int32Array>((resolve) => waiting.set(chunk, resolve))
      const { rows: numbers, batch } = exported
      const request: SearchRequest = { type: 'chunk', id, chunk, rows: numbers, batch }
      target.postMessage(request, [numbers.buffer, batch.buffer])
      rows = await reply
    } else {
      const hits = compileBatchSearch(query!)(readBatch(exported.batch))
      rows = hits.map((i) => exported.rows[i]!)
    }
    if (exported.others.length === 0) return rows
    const matcher = othersMatcher
    const others = exported.others.filter((n) => {
      const row = log!.row(n)
      return row !== undefined && matcher !== null && searchableText(row).some(matcher)
    })
    return [...Array.from(rows), ...others].sort((a, b) => a - b)
  }

  async function run(own: number): Promise<void> {
    running = true
    const pending: Promise<ArrayLike<number>>[] = []
    let chunk = 0
    while (own === id && (searchedTo < to || pending.length > 0)) {
      while (own === id && searchedTo < to && pending.length < IN_FLIGHT) {
        const exported = log!.exportRows(searchedTo, to, pass, CHUNK_ROWS)
        searchedTo = exported.next
        pending.push(searchChunk(chunk++, exported))
      }
      if (pending.length > 0) {
        const rows = await pending.shift()!
        if (own !== id) return
        if (rows.length > 0) onHits(rows)
      }
      await yieldToPage()
    }
    if (own === id) {
      running = false
      onIdle()
    }
  }

  return {
    /** Searches `log`'s rows `from`…`to` that `pass` for `next`; hits come to `onHits`. */
    start(next: SearchQuery, source: SearchableLog, passes: (n: number) => boolean, from: number) {
      supersede()
      query = next
      othersMatcher = compileSearch(next.text, next.regex).matcher
      log = source
      pass = passes
      searchedTo = from
      to = source.total
      workerOrNull()?.postMessage({ type: 'query', id, query } satisfies SearchRequest)
      void run(id)
    },
    /** Searches the rows that came since, up to `total`; false if there is nothing to do. */
    extend(total: number): boolean {
      if (query === null || total <= to) return false
      to = total
      if (!running) void run(id)
      return true
    },
    cancel(): void {
      supersede()
      query = null
      running = false
    },
    get running(): boolean {
      return running
    },
  }
}
