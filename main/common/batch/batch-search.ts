import { encodeBase64 } from '../payload/base64.ts'
import { FLAG_SSE, FLAG_TEXT } from './batch-format.ts'
import { NOT_IN_BLOCK, type RowBlock } from './row-block.ts'

/** What the search box asks: plain text (case-insensitive) or a regular expression. */
export interface SearchQuery {
  text: string
  regex: boolean
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** Each byte with ASCII capitals made small. */
const FOLD = Uint8Array.from({ length: 256 }, (_, byte) =>
  byte >= 65 && byte <= 90 ? byte + 32 : byte,
)

/**
 * A finder of `needle` (already lower case) in bytes, ASCII letters compared in any case:
 * Boyer–Moore–Horspool, so most bytes are stepped over rather than read.
 */
function compileFinder(
  needle: Uint8Array,
): (bytes: Uint8Array, from: number, to: number) => boolean {
  const m = needle.length
  const last = needle[m - 1]!
  // How far the window may move when its last byte is this one: by either case of a letter.
  const skip = new Int32Array(256).fill(m)
  for (let j = 0; j < m - 1; j++) {
    skip[needle[j]!] = m - 1 - j
    if (needle[j]! >= 97 && needle[j]! <= 122) skip[needle[j]! - 32] = m - 1 - j
  }
  return (bytes, from, to) => {
    for (let i = from + m - 1; i < to;) {
      const byte = bytes[i]!
      if (FOLD[byte] === last) {
        let j = m - 2
        while (j >= 0 && FOLD[bytes[i - (m - 1) + j]!] === needle[j]) j--
        if (j < 0) return true
      }
      i += skip[byte]!
    }
    return false
  }
}

/**
 * A search over rows in a block (see row-block.ts): which rows match, by index. What a row offers
 * to the search is what the log shows of it, field by field (so a regular expression's ^ and $
 * anchor to a field): its payload (text, or base64 for bytes), its SSE event type and id. Plain
 * text is found in the payload's bytes without decoding them (ASCII letters in any case; other
 * characters as typed, lower-cased). Rows not in the block are left to the caller. Throws the
 * RegExp's SyntaxError for an invalid expression.
 */
export function compileBlockSearch(query: SearchQuery): (block: RowBlock) => number[] {
  const pattern = query.regex ? new RegExp(query.text, 'i') : null
  const needleText = query.text.toLowerCase()
  const needle = encoder.encode(needleText)
  const find = needle.length === 0 ? () => true : compileFinder(needle)
  const textMatches = pattern
    ? (text: string) => pattern.test(text)
    : (text: string) => text.toLowerCase().includes(needleText)

  function sseFieldsMatch(block: RowBlock, i: number): boolean {
    const from = block.starts[i]! + block.lengths[i]!
    const [event, id] = JSON.parse(
      decoder.decode(block.bytes.subarray(from, block.starts[i + 1])),
    ) as (string | null)[]
    return (event != null && textMatches(event)) || (id != null && textMatches(id))
  }

  return (block) => {
    const hits: number[] = []
    const { bytes, starts, lengths, flags } = block
    for (let i = 0; i < block.count; i++) {
      const length = lengths[i]!
      if (length === NOT_IN_BLOCK) continue
      const from = starts[i]!
      const rowFlags = flags[i]!
      let match: boolean
      if (!(rowFlags & FLAG_TEXT))
        match = textMatches(encodeBase64(bytes.subarray(from, from + length)))
      else if (pattern) match = pattern.test(decoder.decode(bytes.subarray(from, from + length)))
      else match = find(bytes, from, from + length)
      if (match || (rowFlags & FLAG_SSE && sseFieldsMatch(block, i))) hits.push(i)
    }
    return hits
  }
}
