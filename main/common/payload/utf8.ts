/**
 * UTF-8 encoding of short strings in script. In Chromium, a string handed to a platform API such as
 * `TextEncoder.encodeInto` is turned into an external string first: a million short payloads
 * encoded there took 1.9 s (a JS loop: 0.16 s), and freeing those strings later cost a major GC
 * of 0.5 s. Long strings still go to the platform, where the call's cost is spread over its text.
 */

/** Above this many UTF-16 units a string goes to TextEncoder. */
const SCRIPT_LIMIT = 512

const encoder = new TextEncoder()

/**
 * Writes `text` as UTF-8 into `target` (at least three bytes a UTF-16 unit) and returns how many
 * bytes it wrote. A lone surrogate becomes U+FFFD, as TextEncoder writes it.
 */
export function encodeUtf8Into(text: string, target: Uint8Array): number {
  if (text.length > SCRIPT_LIMIT) return encoder.encodeInto(text, target).written
  let at = 0
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i)
    if (code < 0x80) {
      target[at++] = code
      continue
    }
    if (code < 0x800) {
      target[at++] = 0xc0 | (code >> 6)
      target[at++] = 0x80 | (code & 0x3f)
      continue
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00)
        i++
        target[at++] = 0xf0 | (code >> 18)
        target[at++] = 0x80 | ((code >> 12) & 0x3f)
        target[at++] = 0x80 | ((code >> 6) & 0x3f)
        target[at++] = 0x80 | (code & 0x3f)
        continue
      }
      code = 0xfffd
    }
    target[at++] = 0xe0 | (code >> 12)
    target[at++] = 0x80 | ((code >> 6) & 0x3f)
    target[at++] = 0x80 | (code & 0x3f)
  }
  return at
}
