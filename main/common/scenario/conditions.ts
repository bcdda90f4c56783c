import { parsePath, PathSyntaxError, selectAll, type ParsedPath } from '../compare/json-path.ts'
import type { ConnectionEvent, MessageEvent } from '../contract/connections.ts'
import type { ScenarioCondition } from '../contract/scenario.ts'

/** A step that cannot run as written: its sentence says what to fix. */
export class ScenarioInputError extends Error {
  override readonly name = 'ScenarioInputError'
}

/** A condition ready to test events with, and how it reads. */
export interface CompiledCondition {
  test(event: ConnectionEvent): boolean
  title: string
}

/** Events an expectation looks at: messages received (data, not pings), and the close. */
export function isExpectable(event: ConnectionEvent): boolean {
  if (event.type === 'close') return true
  return (
    event.type === 'message' &&
    event.direction === 'in' &&
    (event.kind === 'text' || event.kind === 'binary' || event.kind === 'sse-event')
  )
}

/** Checks a condition and makes its test; a bad path or pattern throws ScenarioInputError. */
export function compileCondition(condition: ScenarioCondition): CompiledCondition {
  switch (condition.kind) {
    case 'json-equals': {
      const path = jsonPath(condition.path)
      const expected = literalOf(condition.value)
      return {
        title: `${condition.path} = ${condition.value}`,
        test: (event) => valuesAt(event, path).some((value) => sameJson(value, expected)),
      }
    }
    case 'json-exists': {
      const path = jsonPath(condition.path)
      return {
        title: `${condition.path} exists`,
        test: (event) => valuesAt(event, path).length > 0,
      }
    }
    case 'json-matches': {
      const path = jsonPath(condition.path)
      const pattern = regexOf(condition.pattern)
      return {
        title: `${condition.path} matches /${condition.pattern}/`,
        test: (event) =>
          valuesAt(event, path).some((value) =>
            pattern.test(typeof value === 'string' ? value : JSON.stringify(value)),
          ),
      }
    }
    case 'text-contains':
      return {
        title: `text contains ${JSON.stringify(condition.text)}`,
        test: (event) => textOf(event)?.includes(condition.text) ?? false,
      }
    case 'text-matches': {
      const pattern = regexOf(condition.pattern)
      return {
        title: `text matches /${condition.pattern}/`,
        test: (event) => {
          const text = textOf(event)
          return text !== null && pattern.test(text)
        },
      }
    }
    case 'event-name':
      return {
        title: `SSE event "${condition.name}"`,
        test: (event) =>
          event.type === 'message' &&
          event.kind === 'sse-event' &&
          (event.event ?? 'message') === condition.name,
      }
    case 'binary-length':
      return {
        title: `binary of ${condition.length} bytes`,
        test: (event) =>
          event.type === 'message' && event.kind === 'binary' && event.size === condition.length,
      }
    case 'close-code':
      return {
        title: `close with ${condition.code}`,
        test: (event) => event.type === 'close' && (event.code ?? 1005) === condition.code,
      }
    case 'any':
      return { title: 'any message', test: (event) => event.type === 'message' }
    default:
      return condition satisfies never
  }
}

/** A JSONPath into the payload (or `@event`, `@id`…), parsed; a mistake is a ScenarioInputError. */
export function jsonPath(text: string): ParsedPath {
  if (text.trim() === '')
    throw new ScenarioInputError('The JSONPath is empty: write one like $.type')
  try {
    return parsePath(text)
  } catch (error) {
    if (error instanceof PathSyntaxError) throw new ScenarioInputError(error.message)
    throw error
  }
}

/** The values at `path` in a message: its JSON payload's, or its own field's. */
export function valuesAt(event: ConnectionEvent, path: ParsedPath): unknown[] {
  if (event.type !== 'message') return []
  if (path.kind === 'field') {
    const value = fieldOf(event, path.field)
    return value === undefined ? [] : [value]
  }
  const text = textOf(event)
  if (text === null) return []
  let root: unknown
  try {
    root = JSON.parse(text)
  } catch {
    return []
  }
  return selectAll(root, path.segments)
}

function fieldOf(event: MessageEvent, field: 'id' | 'event' | 'seq' | 'data'): unknown {
  switch (field) {
    case 'id':
      return event.id ?? event.lastEventId
    case 'event':
      return event.kind === 'sse-event' ? (event.event ?? 'message') : undefined
    case 'seq':
      return event.seq
    case 'data':
      return event.data
    default:
      return field satisfies never
  }
}

/** A message's text payload, or null (binary, or not a message). */
export function textOf(event: ConnectionEvent): string | null {
  return event.type === 'message' && event.data !== undefined ? event.data : null
}

/** What a value typed in a form means: JSON if it parses (42, true, "a", {…}), else the text. */
function literalOf(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function regexOf(pattern: string): RegExp {
  try {
    return new RegExp(pattern)
  } catch (error) {
    throw new ScenarioInputError(
      `/${pattern}/ is not a regular expression: ${(error as Error).message}`,
    )
  }
}

/** Equal as JSON values, whatever the order of object keys. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, index) => sameJson(item, b[index]))
  const aKeys = Object.keys(a)
  const bRecord = b as Record<string, unknown>
  return (
    aKeys.length === Object.keys(b).length &&
    aKeys.every(
      (key) => key in bRecord && sameJson((a as Record<string, unknown>)[key], bRecord[key]),
    )
  )
}
