/**
 * The value of a top-level property of a JSON object, read from its text without parsing the
 * whole of it: aligning a million messages by `$.id` then allocates no objects. Returns the key
 * form compileKey gives (a string as is, a number as `String(number)`, else the JSON text), or
 * undefined when the object has no such property, or null when this reader cannot tell (escaped
 * strings, invalid JSON...) and the caller must parse.
 */
export function topLevelValue(json: string, name: string): string | undefined | null {
  let i = skipSpace(json, 0)
  if (json.charCodeAt(i) !== 123 /* { */) return null
  i = skipSpace(json, i + 1)
  if (json.charCodeAt(i) === 125 /* } */) return undefined
  for (;;) {
    if (json.charCodeAt(i) !== 34 /* " */) return null
    const keyEnd = stringEnd(json, i)
    if (keyEnd < 0) return null
    const key = json.slice(i + 1, keyEnd)
    i = skipSpace(json, keyEnd + 1)
    if (json.charCodeAt(i) !== 58 /* : */) return null
    i = skipSpace(json, i + 1)
    const valueEnd = valueEndAt(json, i)
    if (valueEnd < 0) return null
    if (key === name) return keyOf(json.slice(i, valueEnd))
    if (key.includes('\\')) return null
    i = skipSpace(json, valueEnd)
    const separator = json.charCodeAt(i)
    if (separator === 125 /* } */) return undefined
    if (separator !== 44 /* , */) return null
    i = skipSpace(json, i + 1)
  }
}

function keyOf(raw: string): string | null {
  const first = raw.charCodeAt(0)
  if (first === 34 /* " */) return raw.includes('\\') ? null : raw.slice(1, -1)
  if (first === 45 /* - */ || (first >= 48 && first <= 57)) {
    if (isPlainInteger(raw)) return raw // as String(Number(raw)) would write it
    const number = Number(raw)
    return Number.isFinite(number) ? String(number) : null
  }
  // true, false, null, an object or an array: its JSON text, as compileKey would give it.
  return raw === 'true' || raw === 'false' || raw === 'null' ? raw : null
}

/** A non-negative integer as String(number) writes it: digits, no leading zero, exact. */
export function isPlainInteger(text: string): boolean {
  const length = text.length
  if (length === 0 || length > 15 || (length > 1 && text.charCodeAt(0) === 48)) return false
  for (let c = 0; c < length; c++) {
    const code = text.charCodeAt(c)
    if (code < 48 || code > 57) return false
  }
  return true
}

function skipSpace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i)
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return i
    i++
  }
}

/** Index of the closing quote of the string opening at `i`, or −1. */
function stringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j)
    if (c === 92 /* \ */) j++
    else if (c === 34) return j
  }
  return -1
}

/** Index just past the value starting at `i` (nested values skipped whole), or −1. */
function valueEndAt(text: string, i: number): number {
  const c = text.charCodeAt(i)
  if (c === 34) {
    const end = stringEnd(text, i)
    return end < 0 ? -1 : end + 1
  }
  if (c === 123 || c === 91 /* [ */) {
    let depth = 0
    for (let j = i; j < text.length; j++) {
      const d = text.charCodeAt(j)
      if (d === 34) {
        j = stringEnd(text, j)
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
  for (; j < text.length; j++) {
    const d = text.charCodeAt(j)
    if (d === 44 || d === 125 || d === 32 || d === 9 || d === 10 || d === 13) break
  }
  return j === i ? -1 : j
}
