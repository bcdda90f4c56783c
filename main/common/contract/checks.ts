import { ApiError } from './errors.ts'
import { describeValue, expectArgCount, type ArgsGuard } from './guards.ts'

/**
 * A check reads an unknown value at `path` (for messages: `request.headers[2].value`) and returns
 * it typed, or throws INVALID_ARGUMENT with a sentence naming the path and the bad value.
 */
export type Check<T> = (value: unknown, path: string) => T

function fail(path: string, expected: string, value: unknown): never {
  throw new ApiError('INVALID_ARGUMENT', `${path} must be ${expected}, got ${describeValue(value)}`)
}

export const string: Check<string> = (value, path) =>
  typeof value === 'string' ? value : fail(path, 'a string', value)

export const boolean: Check<boolean> = (value, path) =>
  typeof value === 'boolean' ? value : fail(path, 'true or false', value)

export function integer(min: number, max: number): Check<number> {
  return (value, path) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max
      ? (value as number)
      : fail(path, `a whole number from ${min} to ${max}`, value)
}

export function oneOf<const T extends string>(options: readonly T[]): Check<T> {
  return (value, path) =>
    options.includes(value as T)
      ? (value as T)
      : fail(path, `one of ${options.map((o) => JSON.stringify(o)).join(', ')}`, value)
}

export function optional<T>(check: Check<T>): Check<T | undefined> {
  return (value, path) => (value === undefined ? undefined : check(value, path))
}

export function nullable<T>(check: Check<T>): Check<T | null> {
  return (value, path) => (value === null ? null : check(value, path))
}

export function arrayOf<T>(check: Check<T>, maxLength = 10_000): Check<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) return fail(path, 'an array', value)
    if (value.length > maxLength) return fail(path, `an array of at most ${maxLength}`, value)
    return value.map((item, index) => check(item, `${path}[${index}]`))
  }
}

type Shape<T> = { [K in keyof T]-?: Check<T[K]> }

/**
 * A plain object with exactly the fields of `shape` (unknown fields are refused, so a typo is an
 * error rather than a silently ignored setting). Optional fields that are absent stay absent.
 */
export function object<T>(shape: Shape<T>): Check<T> {
  return (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return fail(path, 'an object', value)
    const record = value as Record<string, unknown>
    for (const key of Object.keys(record)) {
      if (!Object.hasOwn(shape, key))
        throw new ApiError('INVALID_ARGUMENT', `${path} has an unknown field "${key}"`)
    }
    const result: Record<string, unknown> = {}
    for (const key of Object.keys(shape) as (keyof T & string)[]) {
      const checked = shape[key](record[key], `${path}.${key}`)
      if (checked !== undefined) result[key] = checked
    }
    return result as T
  }
}

/** One of several object shapes, told apart by the string in `key` (`type`, `kind`). */
export function tagged<T extends Record<K, string>, K extends string>(
  key: K,
  variants: { [Tag in T[K]]: Check<Extract<T, Record<K, Tag>>> },
): Check<T> {
  return (value, path) => {
    const tag = (value as Record<string, unknown> | null)?.[key]
    if (typeof tag !== 'string' || !Object.hasOwn(variants, tag)) {
      return fail(
        `${path}.${key}`,
        `one of ${Object.keys(variants)
          .map((o) => JSON.stringify(o))
          .join(', ')}`,
        tag,
      )
    }
    return variants[tag as T[K]](value, path)
  }
}

export function literal<const T extends string>(expected: T): Check<T> {
  return (value, path) =>
    value === expected ? expected : fail(path, JSON.stringify(expected), value)
}

/**
 * The guard of a method from one named check per parameter; the first `required` must be given.
 * Messages name the parameter: `connect(): request.url must be a string, got 5`.
 */
export function params<const A extends unknown[]>(
  checks: { [K in keyof A]: readonly [name: string, check: Check<A[K]>] },
  required: number = checks.length,
): ArgsGuard<A> {
  return (method, args) => {
    expectArgCount(method, args, required, checks.length)
    return checks.map(([name, check], index) => check(args[index], `${method}(): ${name}`)) as A
  }
}
