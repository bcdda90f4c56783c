/**
 * Searches a log's rows off the page's thread: the page sends the query, then the rows in blocks
 * (copied out of its log, see LogBuffer.exportBlock); each block's hits go back as row numbers,
 * in order, each block given back with them.
 */
import { buffersOf, compileBlockSearch } from '#common/batch/index.ts'
import type { SearchReply, SearchRequest } from './log-search.ts'

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<SearchRequest>) => void) | null
  postMessage(message: SearchReply, transfer: Transferable[]): void
}

let current: { id: number; search: ReturnType<typeof compileBlockSearch> } | null = null

scope.onmessage = ({ data }) => {
  if (data.type === 'query') {
    current = { id: data.id, search: compileBlockSearch(data.query) }
    return
  }
  const { block } = data
  const hits = current?.id === data.id ? current.search(block) : []
  const rows = Int32Array.from(hits, (i) => data.first + i)
  // The block goes back, for the page to copy the next rows into.
  scope.postMessage({ type: 'hits', id: data.id, chunk: data.chunk, rows, block }, [
    rows.buffer,
    ...buffersOf(block),
  ])
}
