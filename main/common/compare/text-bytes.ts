import { encodeUtf8Into } from '../payload/utf8.ts'

/** A payload's UTF-8 text: `bytes[from, to)`, where a log holds it (no copy, no string made). */
export interface TextBytes {
  bytes: Uint8Array
  from: number
  to: number
}

/** A view to be pointed at a log's bytes (see ComparedLog.textAt); empty until then. */
export function textView(): TextBytes {
  return { bytes: new Uint8Array(0), from: 0, to: 0 }
}

/** A holder for text that `utf8Of` encodes: a buffer of its own, never a log's. */
export function textBuffer(): TextBytes {
  return { bytes: new Uint8Array(256), from: 0, to: 0 }
}

/** `text` as UTF-8 in `into`'s own buffer (made by textBuffer; grown as needed). */
export function utf8Of(text: string, into: TextBytes): TextBytes {
  if (into.bytes.length < text.length * 3) into.bytes = new Uint8Array(text.length * 3)
  into.from = 0
  into.to = encodeUtf8Into(text, into.bytes)
  return into
}

const decoder = new TextDecoder()

/**
 * The text of `bytes[from, to)`. A short ASCII one is built here: TextDecoder's call and the view
 * it needs cost more than a number's or a key's few bytes.
 */
export function textOf(bytes: Uint8Array, from: number, to: number): string {
  if (to - from <= 32) {
    let text = ''
    for (let i = from; i < to; i++) {
      const code = bytes[i]!
      if (code >= 0x80) return decoder.decode(bytes.subarray(from, to))
      text += String.fromCharCode(code)
    }
    return text
  }
  return decoder.decode(bytes.subarray(from, to))
}

/** Whether `bytes[from, to)` holds the byte `value`. */
export function holds(bytes: Uint8Array, from: number, to: number, value: number): boolean {
  for (let i = from; i < to; i++) if (bytes[i] === value) return true
  return false
}

/**
 * Whether the quoted key `pattern[p, p + length)` (quotes and all) comes in `bytes[from, to)`, or
 * an escape that could write it: JSON.parse keeps the last of an object's repeated keys, so a
 * value read before one may not be the value. (A string value written the same also counts.)
 */
export function mayRepeat(
  bytes: Uint8Array,
  from: number,
  to: number,
  pattern: Uint8Array,
  p: number,
  length: number,
): boolean {
  for (let i = from; i < to; i++) {
    const c = bytes[i]
    if (c === 92 /* \ */) return true
    if (c === 34 /* " */ && i + length <= to && bytesAt(bytes, i, pattern, p, length)) return true
  }
  return false
}

/** Whether `bytes` holds, at `at`, the `length` bytes of `pattern` from `p`. */
export function bytesAt(
  bytes: Uint8Array,
  at: number,
  pattern: Uint8Array,
  p: number,
  length: number,
): boolean {
  for (let k = 0; k < length; k++) if (bytes[at + k] !== pattern[p + k]) return false
  return true
}

/** Whether `c` is JSON whitespace. */
export function isSpace(c: number | undefined): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13
}

/** Index of the closing quote of the JSON string opening at `i`, before `end`; or −1. */
export function stringEnd(bytes: Uint8Array, i: number, end: number): number {
  for (let j = i + 1; j < end; j++) {
    const c = bytes[j]
    if (c === 92 /* \ */) j++
    else if (c === 34 /* " */) return j
  }
  return -1
}
