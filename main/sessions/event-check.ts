import { ApiError, type ConnectionEvent } from '#common/contract/index.ts'
import { isPlainObject } from '#common/contract/guards.ts'

const TYPES = new Set(['connecting', 'open', 'message', 'error', 'reconnecting', 'close'])
const KINDS = new Set(['text', 'binary', 'sse-event', 'sse-comment', 'sse-retry', 'ping', 'pong'])

/**
 * Checks an imported event enough to show it safely: its type, seq and time, and for a message
 * its direction, kind, size and payload. Throws INVALID_IMPORT naming the path.
 */
export function checkEvent(value: unknown, path: string): ConnectionEvent {
  const fail = (what: string): never => {
    throw new ApiError('INVALID_IMPORT', `${path}${what}`)
  }
  if (!isPlainObject(value)) return fail(' must be an object')
  if (typeof value.type !== 'string' || !TYPES.has(value.type))
    return fail(`.type must be one of ${[...TYPES].join(', ')}`)
  if (!Number.isSafeInteger(value.seq) || (value.seq as number) < 1)
    return fail('.seq must be a whole number from 1')
  if (typeof value.ts !== 'number' || !Number.isFinite(value.ts))
    return fail('.ts must be a time in milliseconds')
  if (value.type === 'message') {
    if (value.direction !== 'in' && value.direction !== 'out')
      return fail('.direction must be "in" or "out"')
    if (typeof value.kind !== 'string' || !KINDS.has(value.kind))
      return fail(`.kind must be one of ${[...KINDS].join(', ')}`)
    if (!Number.isSafeInteger(value.size) || (value.size as number) < 0)
      return fail('.size must be a whole number of bytes')
    if (value.data !== undefined && typeof value.data !== 'string')
      return fail('.data must be text')
    if (value.base64 !== undefined && typeof value.base64 !== 'string')
      return fail('.base64 must be text')
  }
  return value as unknown as ConnectionEvent
}
