import { isApiErrorData, type ApiErrorData } from '../contract/errors.ts'

/**
 * The four messages of the wire protocol, one per transport message: JSON text, except an event
 * whose payload is bytes (a batch of rows), which travels as a binary frame (see encodeEvent).
 */
export type RpcMessage =
  | { kind: 'call'; id: number; method: string; args: unknown[] }
  | { kind: 'return'; id: number; value: unknown }
  /** `id` is null when the message it answers had no usable call id (a protocol error). */
  | { kind: 'throw'; id: number | null; error: ApiErrorData }
  | { kind: 'event'; name: string; payload: unknown }

/** A decoded message, or why the data is not one (and the call id, when that much was readable). */
export type DecodedMessage =
  { ok: true; message: RpcMessage } | { ok: false; id: number | null; problem: string }

export function encodeMessage(message: RpcMessage): string {
  return JSON.stringify(message)
}

/** "RPE" 1 as a little-endian u32: the first word of a binary event frame. */
const BINARY_EVENT_MAGIC = 0x01455052
const encoder = new TextEncoder()
const decoder = new TextDecoder()

/**
 * An event message. A payload of bytes goes as a binary frame, copied once and never escaped:
 * u32 magic, u32 name length, the name (UTF-8), zero padding to a multiple of 8, the payload
 * (so its typed columns stay aligned).
 */
export function encodeEvent(name: string, payload: unknown): string | Uint8Array<ArrayBuffer> {
  if (!(payload instanceof Uint8Array)) return encodeMessage({ kind: 'event', name, payload })
  const nameBytes = encoder.encode(name)
  const payloadAt = (8 + nameBytes.length + 7) & ~7
  const frame = new Uint8Array(payloadAt + payload.length)
  const words = new Uint32Array(frame.buffer, 0, 2)
  words[0] = BINARY_EVENT_MAGIC
  words[1] = nameBytes.length
  frame.set(nameBytes, 8)
  frame.set(payload, payloadAt)
  return frame
}

/** A binary event frame's name and payload (a view into `bytes`), or why it is not one. */
function decodeBinaryEvent(bytes: Uint8Array): DecodedMessage {
  // Typed views need an aligned offset: a Buffer may sit anywhere in Node's shared pool (and
  // its slice() is a view: copied here with the constructor).
  const frame = bytes.byteOffset % 8 === 0 ? bytes : new Uint8Array(bytes)
  if (frame.length < 8) return refuse(null, `a binary frame of ${frame.length} bytes is too short`)
  const [magic, nameLength] = new Uint32Array(frame.buffer, frame.byteOffset, 2)
  const payloadAt = (8 + nameLength! + 7) & ~7
  if (magic !== BINARY_EVENT_MAGIC || payloadAt > frame.length)
    return refuse(null, `a binary frame must be an event; this one is not (${frame.length} bytes)`)
  const name = decoder.decode(frame.subarray(8, 8 + nameLength!))
  return accept({ kind: 'event', name, payload: frame.subarray(payloadAt) })
}

/**
 * Reads one wire message, whatever a transport delivered (text, a binary frame, anything): a
 * well-formed `RpcMessage`, or a sentence saying what is wrong with it.
 */
export function decodeMessage(data: unknown): DecodedMessage {
  if (data instanceof ArrayBuffer) return decodeBinaryEvent(new Uint8Array(data))
  if (data instanceof Uint8Array) return decodeBinaryEvent(data)
  if (typeof data !== 'string') {
    return refuse(null, `a message must be JSON text, not ${describeData(data)}`)
  }
  let value: unknown
  try {
    value = JSON.parse(data)
  } catch {
    return refuse(
      null,
      `a message must be JSON text; this does not parse (${data.length} characters)`,
    )
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const what = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value
    return refuse(null, `a message must be a JSON object with a "kind", not ${what}`)
  }
  const message = value as Record<string, unknown>
  const id = isCallId(message.id) ? message.id : null
  switch (message.kind) {
    case 'call':
      if (id === null) return refuse(null, `a call needs an "id" that is a whole number above 0`)
      if (typeof message.method !== 'string')
        return refuse(id, `call ${id} needs a "method" that is a string`)
      if (!Array.isArray(message.args))
        return refuse(id, `call ${id} needs "args" that are an array`)
      return accept(message)
    case 'return':
      return id !== null ? accept(message) : refuse(null, 'a return needs a call id')
    case 'throw':
      return (id !== null || message.id === null) && isApiErrorData(message.error)
        ? accept(message)
        : refuse(id, 'a throw needs a call id and an error with a known code')
    case 'event':
      return typeof message.name === 'string'
        ? accept(message)
        : refuse(null, 'an event needs a "name" that is a string')
    default:
      return refuse(id, `"kind" must be "call", "return", "throw" or "event"`)
  }
}

function accept(message: Record<string, unknown>): DecodedMessage {
  return { ok: true, message: message as RpcMessage }
}

function refuse(id: number | null, problem: string): DecodedMessage {
  return { ok: false, id, problem }
}

function isCallId(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) > 0
}

function describeData(data: unknown): string {
  if (data === null || data === undefined) return String(data)
  if (typeof data === 'object' && 'byteLength' in data) {
    return `a binary frame of ${String(data.byteLength)} bytes`
  }
  return `a ${typeof data}`
}
