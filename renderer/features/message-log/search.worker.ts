/**
 * Searches a log's rows off the page's thread: the page sends the query, then the rows in chunks
 * (batches copied out of its log, see LogBuffer.exportRows); each chunk's hits go back as row
 * numbers, in order.
 */
import { compileBatchSearch, readBatch, type SearchQuery } from '#common/batch/index.ts'
import type { SearchReply, SearchRequest } from './log-search.ts'

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<SearchRequest>) => void) | null
  postMessage(message: SearchReply, transfer: Transferable[]): void
}

let current: { id: number; search: ReturnType<typeof compileBatchSearch> } | null = null

scope.onmessage = ({ data }) => {
  if (data.type === 'query') {
    current = { id: data.id, search: compileBatchSearch(data.query satisfies SearchQuery) }
    return
  }
  if (current?.id !== data.id) return
  const hits = current.search(readBatch(data.batch))
  const rows = Int32Array.from(hits, (i) => data.rows[i]!)
  scope.postMessage({ type: 'hits', id: data.id, chunk: data.chunk, rows }, [rows.buffer])
}
