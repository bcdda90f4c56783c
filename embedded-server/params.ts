/** A query parameter the endpoint cannot use: answered 400 with this sentence. */
export class BadParam extends Error {
  override readonly name = 'BadParam'
}

interface IntRange {
  min: number
  max: number
}

/** An integer parameter within `range`, or `fallback` when absent. */
export function intParam(
  query: URLSearchParams,
  name: string,
  range: IntRange,
  fallback: number,
): number
export function intParam(query: URLSearchParams, name: string, range: IntRange): number | undefined
export function intParam(
  query: URLSearchParams,
  name: string,
  { min, max }: IntRange,
  fallback?: number,
): number | undefined {
  const text = query.get(name)
  if (text === null || text === '') return fallback
  const value = Number(text)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BadParam(
      `${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`,
    )
  }
  return value
}

/** A switch: present as `1`, `true`, `yes` or empty (`?tricky`) means on. */
export function flagParam(query: URLSearchParams, name: string): boolean {
  const text = query.get(name)
  return text !== null && ['', '1', 'true', 'yes'].includes(text.toLowerCase())
}

/** A short text parameter (a name, a reason), capped at `maxLength` characters. */
export function textParam(
  query: URLSearchParams,
  name: string,
  maxLength: number,
  fallback: string,
): string {
  const text = query.get(name)
  if (text === null) return fallback
  if (text.length > maxLength) throw new BadParam(`${name} must be at most ${maxLength} characters`)
  return text
}
