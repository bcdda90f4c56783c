import { isApiErrorData, type ApiErrorData } from '../contract/errors.ts'
import { JsonText } from './json-text.ts'

/** The four messages of the wire protocol, JSON-encoded one per transport message. */
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

/** An event message; a payload that is already JSON text goes in as is. */
export function encodeEvent(name: string, payload: unknown): string {
  return payload instanceof JsonText
    ? `{"kind":"event","name":${JSON.stringify(name)},"payload":${payload.text}}`
    : encodeMessage({ kind: 'event', name, payload })
}

/**
 * Reads one wire message, whatever a transport delivered (text, a binary frame, anything): a
 * well-formed `RpcMessage`, or a sentence saying what is wrong with it.
 */
export function decodeMessage(data: unknown): DecodedMessage {
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
