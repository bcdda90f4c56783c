import type { ComparedMessage } from './compare-types.ts'
import { parsePath, PathSyntaxError, removeAll, type PathSegment } from './json-path.ts'

/** Ignore rules, compiled: JSON paths to remove, and patterns whose matches do not count. */
export interface IgnoreRules {
  paths: PathSegment[][]
  /** Each with the `g` flag, applied to text payloads and to every string in a JSON one. */
  patterns: RegExp[]
  /** True when there is no rule at all: identical payloads are the only equal ones. */
  empty: boolean
}

export const IGNORED = '⟨ignored⟩'

/**
 * Compiles rules written as paths (`$.ts`, `$..requestId`) or as regexes between slashes
 * (`/[0-9a-f]{8}-[0-9a-f-]{27}/i`). Throws PathSyntaxError with a sentence for a bad one.
 */
export function compileIgnoreRules(rules: readonly string[]): IgnoreRules {
  const paths: PathSegment[][] = []
  const patterns: RegExp[] = []
  for (const rule of rules) {
    const text = rule.trim()
    if (text === '') continue
    const regex = /^\/(.+)\/([a-z]*)$/s.exec(text)
    if (regex) {
      try {
        patterns.push(new RegExp(regex[1]!, regex[2]!.includes('g') ? regex[2] : `${regex[2]}g`))
      } catch (error) {
        throw new PathSyntaxError(
          `${text} is not a valid regular expression: ${(error as Error).message}`,
        )
      }
      continue
    }
    const path = parsePath(text)
    if (path.kind !== 'json') {
      throw new PathSyntaxError(
        `${text}: ignore a part of the payload ($.field) or a pattern (/regex/), not a message field`,
      )
    }
    if (path.segments.length === 0)
      throw new PathSyntaxError(`${text} would ignore the whole payload`)
    paths.push(path.segments)
  }
  return { paths, patterns, empty: paths.length === 0 && patterns.length === 0 }
}

/** `text` with every ignored pattern replaced by one marker. */
export function maskText(text: string, rules: IgnoreRules): string {
  let result = text
  for (const pattern of rules.patterns) result = result.replace(pattern, IGNORED)
  return result
}

/** A payload parsed as JSON when it is an object or an array, else undefined. */
export function parseJsonPayload(data: string | undefined): unknown {
  if (data === undefined) return undefined
  const start = data.trimStart()[0]
  if (start !== '{' && start !== '[') return undefined
  try {
    return JSON.parse(data) as unknown
  } catch {
    return undefined
  }
}

/** A parsed payload with the ignored paths removed and the ignored patterns masked, in place. */
export function applyRules(value: unknown, rules: IgnoreRules): unknown {
  for (const path of rules.paths) removeAll(value, path)
  if (rules.patterns.length === 0) return value
  return mapStrings(value, (text) => maskText(text, rules))
}

/**
 * A message's kind as compared: a WebSocket text message and an SSE event carry the same kind of
 * payload (the same feed over both protocols compares equal); the rest are their own.
 */
export function comparedKind(message: Pick<ComparedMessage, 'kind'>): string {
  return message.kind === 'sse-event' ? 'text' : message.kind
}

/** An SSE event type as compared: "message" is what an event without one is. */
export function comparedEvent(message: ComparedMessage): string {
  return message.event === undefined || message.event === 'message' ? '' : message.event
}

/** `value` with every string replaced by `map(string)`, walked without recursion. */
function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') return map(value)
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const node = stack.pop()
    if (typeof node !== 'object' || node === null) continue
    const entries = node as Record<string, unknown>
    for (const key of Object.keys(entries)) {
      const child = entries[key]
      if (typeof child === 'string') entries[key] = map(child)
      else if (typeof child === 'object' && child !== null) stack.push(child)
    }
  }
  return value
}
