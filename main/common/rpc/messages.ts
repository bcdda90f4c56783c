import { isApiErrorData, type ApiErrorData } from '../contract/errors.ts'
import { JsonText } from './json-text.ts'

/** The four messages of the wire protocol, JSON-encoded one per transport message. */
export type RpcMessage =
  | { kind: 'call'; id: number; method: string; args: unknown[] }
  | { kind: 'return'; id: number; value: unknown }
  | { kind: 'throw'; id: number; error: ApiErrorData }
  | { kind: 'event'; name: string; payload: unknown }

export function encodeMessage(message: RpcMessage): string {
  return JSON.stringify(message)
}

/** An event message; a payload that is already JSON text goes in as is. */
export function encodeEvent(name: string, payload: unknown): string {
  return payload instanceof JsonText
    ? `{"kind":"event","name":${JSON.stringify(name)},"payload":${payload.text}}`
    : encodeMessage({ kind: 'event', name, payload })
}

/** Parses one wire message; anything that is not a well-formed `RpcMessage` gives `null`. */
export function decodeMessage(text: string): RpcMessage | null {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return null
  }
  if (typeof value !== 'object' || value === null) return null
  const message = value as Record<string, unknown>
  switch (message.kind) {
    case 'call':
      return isCallId(message.id) &&
        typeof message.method === 'string' &&
        Array.isArray(message.args)
        ? (message as RpcMessage)
        : null
    case 'return':
      return isCallId(message.id) ? (message as RpcMessage) : null
    case 'throw':
      return isCallId(message.id) && isApiErrorData(message.error) ? (message as RpcMessage) : null
    case 'event':
      return typeof message.name === 'string' ? (message as RpcMessage) : null
    default:
      return null
  }
}

function isCallId(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) > 0
}
