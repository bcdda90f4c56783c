import { integer, oneOf, optional, string, type Check } from './checks.ts'
import type { ConnectionEvent } from './connections.ts'
import { ApiError } from './errors.ts'
import { isPlainObject } from './guards.ts'

const TYPES = ['connecting', 'open', 'message', 'error', 'reconnecting', 'close'] as const
const KINDS = ['text', 'binary', 'sse-event', 'sse-comment', 'sse-retry', 'ping', 'pong'] as const

const type = oneOf(TYPES)
const seq = integer(1, Number.MAX_SAFE_INTEGER)
const size = integer(0, Number.MAX_SAFE_INTEGER)
const direction = oneOf(['in', 'out'])
const kind = oneOf(KINDS)
const text = optional(string)
const time: Check<number> = (value, path) => {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  throw new ApiError('INVALID_ARGUMENT', `${path} must be a time in milliseconds`)
}

/**
 * An event read from a file (an export, an import, a log to compare): checked enough to show and
 * compare safely: its type, seq and time, and for a message its direction, kind, size and payload.
 * Fields a newer version added are let through. INVALID_ARGUMENT names the path.
 */
export const connectionEvent: Check<ConnectionEvent> = (value, path) => {
  if (!isPlainObject(value)) throw new ApiError('INVALID_ARGUMENT', `${path} must be an object`)
  type(value.type, `${path}.type`)
  seq(value.seq, `${path}.seq`)
  time(value.ts, `${path}.ts`)
  if (value.type === 'message') {
    direction(value.direction, `${path}.direction`)
    kind(value.kind, `${path}.kind`)
    size(value.size, `${path}.size`)
    for (const field of ['data', 'base64', 'event', 'id', 'lastEventId'] as const)
      text(value[field], `${path}.${field}`)
  }
  return value as unknown as ConnectionEvent
}
