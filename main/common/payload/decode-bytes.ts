export type BytesCheck =
  { ok: true; bytes: Uint8Array } | { ok: false; message: string; position: number }

const HEX_SEPARATORS = ' \t\n\r,:'

/**
 * Hex digits, with any spacing, `0x` prefixes, colons or commas between bytes
 * (`de ad be ef`, `0xde,0xad`, `de:ad:be:ef`). Positions in messages count from 1.
 */
export function decodeHex(text: string): BytesCheck {
  const digits: number[] = []
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (HEX_SEPARATORS.includes(char)) continue
    if (char === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X') && digits.length % 2 === 0) {
      i++
      continue
    }
    const digit = parseInt(char, 16)
    if (Number.isNaN(digit))
      return {
        ok: false,
        message: `Not hex: ${JSON.stringify(char)} at position ${i + 1}`,
        position: i + 1,
      }
    digits.push(digit)
  }
  if (digits.length % 2 !== 0) {
    return {
      ok: false,
      message: `Hex needs two digits per byte: ${digits.length} digits is an odd count`,
      position: text.length,
    }
  }
  const bytes = new Uint8Array(digits.length / 2)
  for (let i = 0; i < bytes.length; i++) bytes[i] = digits[2 * i]! * 16 + digits[2 * i + 1]!
  return { ok: true, bytes }
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Standard or URL-safe base64; whitespace ignored, padding optional. Positions count from 1. */
export function decodeBase64(text: string): BytesCheck {
  const values: number[] = []
  let padding = 0
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (' \t\n\r'.includes(char)) continue
    if (char === '=') {
      padding++
      if (padding > 2)
        return {
          ok: false,
          message: `Not base64: too much "=" padding at position ${i + 1}`,
          position: i + 1,
        }
      continue
    }
    if (padding > 0) {
      return {
        ok: false,
        message: `Not base64: "=" padding is followed by more data at position ${i + 1}`,
        position: i + 1,
      }
    }
    const value = BASE64_ALPHABET.indexOf(char === '-' ? '+' : char === '_' ? '/' : char)
    if (value === -1)
      return {
        ok: false,
        message: `Not base64: ${JSON.stringify(char)} at position ${i + 1}`,
        position: i + 1,
      }
    values.push(value)
  }
  if (values.length % 4 === 1) {
    return {
      ok: false,
      message: `Not base64: ${values.length} characters cannot encode whole bytes`,
      position: text.length,
    }
  }
  const bytes = new Uint8Array(Math.floor((values.length * 6) / 8))
  let buffer = 0
  let bits = 0
  let out = 0
  for (const value of values) {
    buffer = (buffer << 6) | value
    bits += 6
    if (bits >= 8) {
      bits -= 8
      bytes[out++] = (buffer >> bits) & 0xff
    }
  }
  return { ok: true, bytes }
}
