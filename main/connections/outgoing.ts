import { ApiError, type OutgoingMessage } from '#common/contract/index.ts'
import { checkJson } from '#common/payload/check-json.ts'
import { decodeBase64, decodeHex } from '#common/payload/decode-bytes.ts'

export interface EncodedMessage {
  payload: Buffer
  binary: boolean
}

/** Turns what the user typed into the bytes to send, or INVALID_PAYLOAD saying where it is wrong. */
export function encodeOutgoing(message: OutgoingMessage): EncodedMessage {
  switch (message.kind) {
    case 'text':
      return { payload: Buffer.from(message.text), binary: false }
    case 'json': {
      const json = checkJson(message.text)
      if (!json.ok) throw new ApiError('INVALID_PAYLOAD', `Not valid JSON: ${json.message}`)
      return {
        payload: Buffer.from(message.compact ? JSON.stringify(json.value) : message.text),
        binary: false,
      }
    }
    case 'binary': {
      const decoded =
        message.encoding === 'hex' ? decodeHex(message.data) : decodeBase64(message.data)
      if (!decoded.ok) throw new ApiError('INVALID_PAYLOAD', decoded.message)
      return {
        payload: Buffer.from(
          decoded.bytes.buffer,
          decoded.bytes.byteOffset,
          decoded.bytes.byteLength,
        ),
        binary: true,
      }
    }
    default:
      return message satisfies never
  }
}
