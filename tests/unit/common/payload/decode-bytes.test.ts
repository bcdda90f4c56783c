import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { decodeBase64, decodeHex } from '#common/payload/decode-bytes.ts'

const bytesOf = (result: ReturnType<typeof decodeHex>) =>
  result.ok ? [...result.bytes] : result.message

describe('decodeHex', () => {
  it.each(['deadbeef', 'de ad be ef', 'DE:AD:BE:EF', '0xde, 0xad, 0xbe, 0xef', 'de\nad\tbe ef'])(
    'reads %j',
    (text) => {
      expect(bytesOf(decodeHex(text))).toEqual([0xde, 0xad, 0xbe, 0xef])
    },
  )

  it('says where a character is not hex', () => {
    expect(decodeHex('de ad gz')).toEqual({
      ok: false,
      message: 'Not hex: "g" at position 7',
      position: 7,
    })
  })

  it('refuses an odd number of digits', () => {
    expect(decodeHex('abc')).toMatchObject({
      ok: false,
      message: 'Hex needs two digits per byte: 3 digits is an odd count',
    })
  })
})

describe('decodeBase64', () => {
  it('decodes what Buffer encodes, any length, standard and URL-safe', () => {
    for (let length = 0; length < 40; length++) {
      const bytes = randomBytes(length)
      expect(bytesOf(decodeBase64(bytes.toString('base64')))).toEqual([...bytes])
      expect(bytesOf(decodeBase64(bytes.toString('base64url')))).toEqual([...bytes])
    }
  })

  it('ignores whitespace', () => {
    expect(bytesOf(decodeBase64('aGVs\nbG8='))).toEqual([...Buffer.from('hello')])
  })

  it.each([
    ['aG!k', 'Not base64: "!" at position 3'],
    ['aGk=a', 'Not base64: "=" padding is followed by more data at position 5'],
    ['a', 'Not base64: 1 characters cannot encode whole bytes'],
  ])('refuses %j: %s', (text, message) => {
    expect(decodeBase64(text)).toMatchObject({ ok: false, message })
  })
})
