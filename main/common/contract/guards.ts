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
