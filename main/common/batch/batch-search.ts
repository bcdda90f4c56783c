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
/** A byte per character, whatever the byte: positions in the text are positions in the bytes. */
const latin1 = new TextDecoder('latin1')

/**
 * Bytes decoded at a time for a scan: a string past 128 KiB goes to V8's large-object space,
 * which makes each decode about thirty times as slow.
 */
const SCAN_WINDOW_BYTES = 64 * 1024

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
 * Which rows of a block hold `needle` (ASCII, lower case) in their payload, in any case: the
 * engine's own case-insensitive search over the block's bytes read as Latin-1, a window of rows
 * at a time, about twice as fast as stepping row by row. Non-ASCII bytes never fold to ASCII
 * letters, so what it finds is what the byte search would. A hit that runs past its row's payload
 * (into SSE fields, or the next row) does not count; a row that matched is not read further.
 */
function compileAsciiScan(needle: string): (block: RowBlock) => Uint8Array {
  const pattern = new RegExp(needle.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), 'gi')
  return ({ count, bytes, starts, lengths }) => {
    const found = new Uint8Array(count)
    for (let first = 0; first < count;) {
      // Rows first…last-1: at least one, and as many more as fit the window.
      let last = first + 1
      const from = starts[first]!
      while (last < count && starts[last + 1]! - from <= SCAN_WINDOW_BYTES) last++
      const text = latin1.decode(bytes.subarray(from, starts[last]))
      pattern.lastIndex = 0
      let row = first
      // test() rather than exec(): no match object per hit; lastIndex says where it ended.
      while (pattern.test(text)) {
        const index = pattern.lastIndex - needle.length
        const at = from + index
        while (starts[row + 1]! <= at) row++
        const length = lengths[row]!
        if (length !== NOT_IN_BLOCK && at + needle.length <= starts[row]! + length) {
          found[row] = 1
          pattern.lastIndex = starts[row + 1]! - from
        } else pattern.lastIndex = index + 1
      }
      first = last
    }
    return found
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
  // Most searches are ASCII: those are found by the engine's search (3× as fast where hits are
  // rare), the rest byte by byte. Where most rows match, a call per hit costs more than stepping
  // row by row (a quarter more): the next block goes that way.
  const scan =
    !pattern && needle.length > 0 && needle.every((byte) => byte < 0x80)
      ? compileAsciiScan(needleText)
      : null
  let dense = false
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
    const found = dense ? undefined : scan?.(block)
    for (let i = 0; i < block.count; i++) {
      const rowFlags = flags[i]!
      // Where the scan ran, a text row without SSE fields that it did not find is done.
      if (
        found !== undefined &&
        found[i] === 0 &&
        (rowFlags & (FLAG_TEXT | FLAG_SSE)) === FLAG_TEXT
      )
        continue
      const length = lengths[i]!
      if (length === NOT_IN_BLOCK) continue
      const from = starts[i]!
      let match: boolean
      if (!(rowFlags & FLAG_TEXT))
        match = textMatches(encodeBase64(bytes.subarray(from, from + length)))
      else if (pattern) match = pattern.test(decoder.decode(bytes.subarray(from, from + length)))
      else match = found ? found[i] === 1 : find(bytes, from, from + length)
      if (match || (rowFlags & FLAG_SSE && sseFieldsMatch(block, i))) hits.push(i)
    }
    dense = hits.length > block.count / 2
    return hits
  }
}
