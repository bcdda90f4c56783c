import { ApiError } from './errors.ts'

/**
 * Checks the arguments of one API method at the serving boundary and returns them typed.
 * Throws `ApiError('INVALID_ARGUMENT')` with a sentence naming the bad value.
 */
export type ArgsGuard<Args extends unknown[]> = (method: string, args: readonly unknown[]) => Args

/** The guard of a method that takes no arguments. */
export function noArgs(method: string, args: readonly unknown[]): [] {
  if (args.length !== 0) {
    throw new ApiError('INVALID_ARGUMENT', `${method}() takes no arguments, got ${args.length}`)
  }
  return []
}

/** Describes a value in an error message without dumping it whole. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return `an array of ${value.length}`
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value)
  }
  return typeof value === 'object' ? 'an object' : typeof value
}

/** Throws INVALID_ARGUMENT unless `args` has between `min` and `max` entries. */
export function expectArgCount(
  method: string,
  args: readonly unknown[],
  min: number,
  max = min,
): void {
  if (args.length < min || args.length > max) {
    const expected = min === max ? `${min}` : `${min} to ${max}`
    throw new ApiError(
      'INVALID_ARGUMENT',
      `${method}() takes ${expected} arguments, got ${args.length}`,
    )
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** An optional options object: undefined or a plain object, with only the keys listed. */
export function optionsArg(
  method: string,
  value: unknown,
  keys: readonly string[],
): Record<string, unknown> {
  if (value === undefined) return {}
  if (!isPlainObject(value)) {
    throw new ApiError(
      'INVALID_ARGUMENT',
      `${method}() takes an options object, got ${describeValue(value)}`,
    )
  }
  const unknown = Object.keys(value).filter((key) => !keys.includes(key))
  if (unknown.length > 0) {
    throw new ApiError(
      'INVALID_ARGUMENT',
      `${method}() does not take the option ${unknown.map((key) => JSON.stringify(key)).join(', ')}`,
    )
  }
  return value
}

/** A TCP port: a whole number from 0 (any free port) to 65535. */
export function portValue(method: string, value: unknown): number {
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 65535) {
    throw new ApiError(
      'INVALID_ARGUMENT',
      `${method}(): port must be a whole number from 0 to 65535, got ${describeValue(value)}`,
    )
  }
  return value as number
}
