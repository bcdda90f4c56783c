import { encodeBase64 } from '../payload/base64.ts'
import { FLAG_SSE, FLAG_TEXT, type BatchColumns } from './batch-format.ts'
import { payloadOf } from './batch-rows.ts'

/** What the search box asks: plain text (case-insensitive) or a regular expression. */
export interface SearchQuery {
  text: string
  regex: boolean
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** True when `needle` (already lower case) is in `bytes`, ASCII letters compared in any case. */
function includesFolded(bytes: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0]!
  const last = bytes.length - needle.length
  outer: for (let i = 0; i <= last; i++) {
    let byte = bytes[i]!
    if (byte >= 65 && byte <= 90) byte += 32
    if (byte !== first) continue
    for (let j = 1; j < needle.length; j++) {
      let other = bytes[i + j]!
      if (other >= 65 && other <= 90) other += 32
      if (other !== needle[j]) continue outer
    }
    return true
  }
  return false
}

/**
 * A search over message rows in columns (a batch, see batch-format.ts): which rows match, by
 * index. What a row offers to the search is what the log shows of it, field by field (so a
 * regular expression's ^ and $ anchor to a field): its payload (text, or base64 for bytes), its
 * SSE event type and id. Plain text is found in the payload's bytes without decoding them (ASCII
 * letters in any case; other characters as typed, lower-cased). Throws the RegExp's SyntaxError
 * for an invalid expression.
 */
export function compileBatchSearch(query: SearchQuery): (batch: BatchColumns) => number[] {
  const pattern = query.regex ? new RegExp(query.text, 'i') : null
  const needleText = query.text.toLowerCase()
  const needle = encoder.encode(needleText)
  const textMatches = pattern
    ? (text: string) => pattern.test(text)
    : (text: string) => text.toLowerCase().includes(needleText)

  function sseFieldsMatch(batch: BatchColumns, i: number): boolean {
    const bytes = batch.sse.subarray(i === 0 ? 0 : batch.sseEnd[i - 1], batch.sseEnd[i])
    const [event, id] = JSON.parse(decoder.decode(bytes)) as (string | null)[]
    return (event != null && textMatches(event)) || (id != null && textMatches(id))
  }

  return (batch) => {
    const hits: number[] = []
    for (let i = 0; i < batch.count; i++) {
      const flags = batch.flags[i]!
      const payload = payloadOf(batch, i)
      let match: boolean
      if (!(flags & FLAG_TEXT)) match = textMatches(encodeBase64(payload))
      else if (pattern) match = pattern.test(decoder.decode(payload))
      else match = needle.length === 0 || includesFolded(payload, needle)
      if (match || (flags & FLAG_SSE && sseFieldsMatch(batch, i))) hits.push(i)
    }
    return hits
  }
}
