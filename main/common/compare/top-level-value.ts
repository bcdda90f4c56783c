import {
  bytesAt,
  holds,
  isSpace,
  mayRepeat,
  stringEnd,
  textOf,
  type TextBytes,
} from './text-bytes.ts'

/**
 * A key as the maps hold it: a plain integer (a sequence number, most ids) as the number it is,
 * else its text. Equal keys stay equal, and unequal ones unequal (a plain integer has one text),
 * but a number is hashed and compared without reading characters: in Chromium, 2 M map
 * operations took 0.33 s with number keys against 1.4 s with their texts.
 */
export type MapKey = string | number

/** A key's text as the maps hold it (see MapKey). */
export function mapKeyOf(key: string): MapKey {
  return isPlainInteger(key) ? Number(key) : key
}

/** A non-negative integer as String(number) writes it: digits, no leading zero, exact. */
function isPlainInteger(text: string): boolean {
  const length = text.length
  if (length === 0 || length > 15 || (length > 1 && text.charCodeAt(0) === 48)) return false
  for (let c = 0; c < length; c++) {
    const code = text.charCodeAt(c)
    if (code < 48 || code > 57) return false
  }
  return true
}

/**
 * The value of a top-level property of a JSON object, read from its bytes without parsing the
 * whole of it or decoding it: aligning a million messages by `$.id` then allocates no objects.
 * `name` is the property's name as a JSON string's UTF-8, quotes and all (`"id"`). Returns the key compileKey gives (a string as is, a
 * number as `String(number)`, else the JSON text) as the maps hold it (see MapKey), or undefined
 * when the object has no such property, or null when this reader cannot tell (escapes, a nested
 * value, the name repeated, invalid JSON...) and the caller must parse.
 */
export function topLevelKey(text: TextBytes, name: Uint8Array): MapKey | undefined | null {
  const bytes = text.bytes
  const end = text.to
  let i = skipSpace(bytes, text.from, end)
  if (i >= end || bytes[i] !== 123 /* { */) return null
  i = skipSpace(bytes, i + 1, end)
  if (i < end && bytes[i] === 125 /* } */) return undefined
  for (;;) {
    if (i >= end || bytes[i] !== 34 /* " */) return null
    const keyEnd = stringEnd(bytes, i, end)
    if (keyEnd < 0) return null
    const named = keyEnd + 1 - i === name.length && bytesAt(bytes, i, name, 0, name.length)
    if (!named && holds(bytes, i + 1, keyEnd, 92 /* \ */)) return null
    i = skipSpace(bytes, keyEnd + 1, end)
    if (i >= end || bytes[i] !== 58 /* : */) return null
    i = skipSpace(bytes, i + 1, end)
    const valueEnd = valueEndAt(bytes, i, end)
    if (valueEnd < 0) return null
    // JSON.parse keeps the last of repeated names: one that may come again is left to it.
    if (named)
      return mayRepeat(bytes, valueEnd, end, name, 0, name.length)
        ? null
        : keyOf(bytes, i, valueEnd)
    i = skipSpace(bytes, valueEnd, end)
    if (i >= end) return null
    if (bytes[i] === 125) return undefined
    if (bytes[i] !== 44 /* , */) return null
    i = skipSpace(bytes, i + 1, end)
  }
}

/** The key of the value at `bytes[from, to)`, or null where it is not a scalar read as written. */
function keyOf(bytes: Uint8Array, from: number, to: number): MapKey | null {
  const first = bytes[from]!
  if (first === 34 /* " */) {
    return holds(bytes, from + 1, to - 1, 92) ? null : mapKeyOf(textOf(bytes, from + 1, to - 1))
  }
  if (first === 45 /* - */ || (first >= 48 && first <= 57)) {
    const plain = plainInteger(bytes, from, to)
    if (plain >= 0) return plain
    const number = Number(textOf(bytes, from, to))
    return Number.isFinite(number) ? mapKeyOf(String(number)) : null
  }
  if (first === 123 || first === 91) return null // an object or an array: parsed
  // true, false or null: its JSON text, as compileKey would give it.
  const word = textOf(bytes, from, to)
  return word === 'true' || word === 'false' || word === 'null' ? word : null
}

/** The plain integer (see isPlainInteger) written at `bytes[from, to)`, or −1. */
function plainInteger(bytes: Uint8Array, from: number, to: number): number {
  const length = to - from
  if (length > 15 || (length > 1 && bytes[from] === 48)) return -1
  let value = 0
  for (let i = from; i < to; i++) {
    const digit = bytes[i]! - 48
    if (digit < 0 || digit > 9) return -1
    value = value * 10 + digit
  }
  return value
}

function skipSpace(bytes: Uint8Array, i: number, end: number): number {
  while (i < end && isSpace(bytes[i])) i++
  return i
}

/** Index just past the value starting at `i` (nested values skipped whole), or −1. */
function valueEndAt(bytes: Uint8Array, i: number, end: number): number {
  if (i >= end) return -1
  const c = bytes[i]
  if (c === 34) {
    const close = stringEnd(bytes, i, end)
    return close < 0 ? -1 : close + 1
  }
  if (c === 123 || c === 91 /* [ */) {
    let depth = 0
    for (let j = i; j < end; j++) {
      const d = bytes[j]
      if (d === 34) {
        j = stringEnd(bytes, j, end)
        if (j < 0) return -1
      } else if (d === 123 || d === 91) depth++
      else if (d === 125 || d === 93) {
        depth--
        if (depth === 0) return j + 1
      }
    }
    return -1
  }
  let j = i
  for (; j < end; j++) {
    const d = bytes[j]
    if (d === 44 || d === 125 || isSpace(d)) break
  }
  return j === i ? -1 : j
}
