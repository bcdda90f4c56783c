const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const VALUES = new Int16Array(128).fill(-1)
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i
VALUES['-'.charCodeAt(0)] = 62 // base64url
VALUES['_'.charCodeAt(0)] = 63

/**
 * The bytes of base64 (or base64url) text; padding and whitespace are skipped, any other character
 * ends the data. For runtimes without `Buffer` or `atob` typed in (main/common runs anywhere).
 */
export function decodeBase64(text: string): Uint8Array {
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4) + 3)
  let length = 0
  let buffer = 0
  let bits = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === 61 /* = */ || code === 32 || code === 10 || code === 13) continue
    const value = code < 128 ? VALUES[code]! : -1
    if (value < 0) break
    buffer = (buffer << 6) | value
    bits += 6
    if (bits >= 8) {
      bits -= 8
      bytes[length++] = (buffer >> bits) & 0xff
    }
  }
  return bytes.subarray(0, length)
}

/** Base64 of `bytes`, padded (for runtimes without `Buffer` or `btoa` typed in). */
export function encodeBase64(bytes: Uint8Array): string {
  let out = ''
  let i = 0
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!
    out +=
      ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!
  }
  if (i < bytes.length) {
    const rest = bytes.length - i
    const n = (bytes[i]! << 16) | (rest === 2 ? bytes[i + 1]! << 8 : 0)
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!
    out += rest === 2 ? `${ALPHABET[(n >> 6) & 63]!}=` : '=='
  }
  return out
}
