import {
  buffersOf,
  compileBlockSearch,
  type RowBlock,
  type SearchQuery,
} from '#common/batch/index.ts'
import { yieldToPage } from '../../scheduling.ts'
import type { LogRow } from './log-row.ts'
import { compileSearch, searchableText } from './log-view.ts'

/**
 * Rows per chunk: the first few, for the first hits soon; then enough that a chunk costs the page
 * one copy of a few megabytes and the worker a few tens of milliseconds.
 */
const FIRST_CHUNK = { rows: 8_192, bytes: 512 * 1024 }
const CHUNK = { rows: 65_536, bytes: 4 * 1024 * 1024 }
/** Chunks sent and not yet answered: enough to keep the worker busy, few enough to hold. */
const IN_FLIGHT = 2

export type SearchRequest =
  | { type: 'query'; id: number; query: SearchQuery }
  | { type: 'chunk'; id: number; chunk: number; first: number; block: RowBlock }

/** The chunk's hits, and its block given back to be written over. */
export type SearchReply = {
  type: 'hits'
  id: number
  chunk: number
  rows: Int32Array
  block: RowBlock
}

/** What a search reads of a log (a LogSource). */
export interface SearchableLog {
  readonly total: number
  row(n: number): LogRow | undefined
  exportBlock(
    from: number,
    to: number,
    limit: { rows: number; bytes: number },
    spare?: RowBlock,
  ): { first: number; block: RowBlock; others: number[]; next: number }
}

/**
 * Searches a log off the page's thread, in chunks, and hands over the matching row numbers as each
 * chunk is done, in order: the first hits show while the rest is searched. The page only copies
 * rows out (LogBuffer.exportBlock) and keeps the hits that pass the view's filter; the worker
 * reads the rows. A new search supersedes the one running;
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
  /** Blocks searched, to be written over by the next chunks. */
  const spares: RowBlock[] = []

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
        spares.push(data.block)
        if (data.id !== id) return
        waiting.get(data.chunk)?.(data.rows)
        waiting.delete(data.chunk)
      }
    } catch {
      worker = null
    }
    return worker
  }

  /** The chunk's matching rows that pass: the worker's, and the other rows' tested here, in order. */
  async function searchChunk(chunk: number, exported: ReturnType<SearchableLog['exportBlock']>) {
    const target = workerOrNull()
    const { first, block } = exported
    let found: ArrayLike<number>
    if (target) {
      const reply = new Promise<Int32Array>((resolve) => waiting.set(chunk, resolve))
      const request: SearchRequest = { type: 'chunk', id, chunk, first, block }
      target.postMessage(request, buffersOf(block))
      found = await reply
    } else {
      found = compileBlockSearch(query!)(block).map((i) => first + i)
      spares.push(block)
    }
    const matcher = othersMatcher
    const others = exported.others.filter((n) => {
      const row = log!.row(n)
      return row !== undefined && matcher !== null && searchableText(row).some(matcher)
    })
    const rows =
      others.length === 0
        ? Array.from(found)
        : [...Array.from(found), ...others].sort((a, b) => a - b)
    return rows.filter((n) => pass(n))
  }

  async function run(own: number): Promise<void> {
    running = true
    const pending: Promise<ArrayLike<number>>[] = []
    let chunk = 0
    while (own === id && (searchedTo < to || pending.length > 0)) {
      while (own === id && searchedTo < to && pending.length < IN_FLIGHT) {
        const limit = chunk === 0 ? FIRST_CHUNK : CHUNK
        const exported = log!.exportBlock(searchedTo, to, limit, spares.pop())
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
