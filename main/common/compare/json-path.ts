/**
 * The JSONPath-like expressions of the compare view: keys (`$.id`, `$.data.orderId`) and ignore
 * rules (`$.ts`, `$..timestamp`, `$.items[*].id`). A small subset, written out so it runs anywhere
 * and every mistake has a sentence:
 *
 *   $            the message's JSON payload
 *   .name        a property          ['any name']  a property with any characters
 *   [3]          an array element    [*]           every element or property
 *   ..name       `name` at any depth below
 *
 * And the message's own fields: `@id` (the SSE id, or the last event ID), `@event` (the SSE event
 * type), `@seq` (its sequence number), `@data` (the whole payload as text).
 */

export type PathSegment =
  | { type: 'property'; name: string }
  | { type: 'index'; index: number }
  | { type: 'wildcard' }
  | { type: 'descendant'; name: string }

export type MessageField = 'id' | 'event' | 'seq' | 'data'

export type ParsedPath =
  | { kind: 'json'; segments: PathSegment[]; text: string }
  | { kind: 'field'; field: MessageField; text: string }

export class PathSyntaxError extends Error {
  override readonly name = 'PathSyntaxError'
}

const FIELDS: readonly MessageField[] = ['id', 'event', 'seq', 'data']
const NAME = /^[A-Za-z_$][\w$-]*/

/** Parses an expression, or throws PathSyntaxError with a sentence that points at the mistake. */
export function parsePath(text: string): ParsedPath {
  const expression = text.trim()
  if (expression.startsWith('@')) {
    const field = expression.slice(1) as MessageField
    if (!FIELDS.includes(field)) {
      throw new PathSyntaxError(
        `${JSON.stringify(text)} is not a message field: use @id, @event, @seq or @data`,
      )
    }
    return { kind: 'field', field, text: expression }
  }
  if (!expression.startsWith('$')) {
    throw new PathSyntaxError(
      `${JSON.stringify(text)} must start with $ (the payload, as in $.id) or @ (a field, as in @id)`,
    )
  }
  const segments: PathSegment[] = []
  let i = 1
  const fail = (what: string): never => {
    throw new PathSyntaxError(`${JSON.stringify(text)}: ${what} at character ${i + 1}`)
  }
  while (i < expression.length) {
    if (expression.startsWith('..', i)) {
      i += 2
      const name = NAME.exec(expression.slice(i))?.[0] ?? fail('expected a property name after ..')
      segments.push({ type: 'descendant', name })
      i += name.length
    } else if (expression[i] === '.') {
      i++
      if (expression[i] === '*') {
        segments.push({ type: 'wildcard' })
        i++
        continue
      }
      const name = NAME.exec(expression.slice(i))?.[0] ?? fail('expected a property name after .')
      segments.push({ type: 'property', name })
      i += name.length
    } else if (expression[i] === '[') {
      const close = expression.indexOf(']', i)
      if (close === -1) fail('a [ is never closed')
      const inside = expression.slice(i + 1, close).trim()
      if (inside === '*') segments.push({ type: 'wildcard' })
      else if (/^\d+$/.test(inside)) segments.push({ type: 'index', index: Number(inside) })
      else if (/^'[^']*'$|^"[^"]*"$/.test(inside))
        segments.push({ type: 'property', name: inside.slice(1, -1) })
      else fail(`expected a number, * or a quoted name inside [], not ${JSON.stringify(inside)}`)
      i = close + 1
    } else {
      fail(`unexpected ${JSON.stringify(expression[i])}`)
    }
  }
  return { kind: 'json', segments, text: expression }
}

/** Every value the path reaches in `root`, in document order. */
export function selectAll(root: unknown, segments: readonly PathSegment[]): unknown[] {
  let current: unknown[] = [root]
  for (const segment of segments) {
    const next: unknown[] = []
    for (const value of current) collect(value, segment, next)
    current = next
    if (current.length === 0) break
  }
  return current
}

/** The first value the path reaches, or undefined. */
export function selectFirst(root: unknown, segments: readonly PathSegment[]): unknown {
  return selectAll(root, segments)[0]
}

function collect(value: unknown, segment: PathSegment, into: unknown[]): void {
  if (typeof value !== 'object' || value === null) return
  switch (segment.type) {
    case 'property':
      if (!Array.isArray(value) && Object.hasOwn(value, segment.name))
        into.push((value as Record<string, unknown>)[segment.name])
      return
    case 'index':
      if (Array.isArray(value) && segment.index < value.length) into.push(value[segment.index])
      return
    case 'wildcard':
      into.push(
        ...(Array.isArray(value)
          ? (value as unknown[])
          : Object.values(value as Record<string, unknown>)),
      )
      return
    case 'descendant': {
      // Iterative, so a deeply nested payload cannot exhaust the stack.
      const stack: unknown[] = [value]
      while (stack.length > 0) {
        const node = stack.pop()
        if (typeof node !== 'object' || node === null) continue
        if (!Array.isArray(node) && Object.hasOwn(node, segment.name))
          into.push((node as Record<string, unknown>)[segment.name])
        const children = Array.isArray(node) ? node : Object.values(node)
        for (let k = children.length - 1; k >= 0; k--) stack.push(children[k])
      }
      return
    }
    default:
      return segment satisfies never
  }
}

/**
 * Removes what `segments` reaches from `root` (a parsed payload the caller owns): properties are
 * deleted, array elements replaced by null so the other positions keep their meaning.
 */
export function removeAll(root: unknown, segments: readonly PathSegment[]): void {
  if (segments.length === 0) return
  const parents = selectAll(root, segments.slice(0, -1))
  const last = segments.at(-1)!
  for (const parent of parents) {
    if (typeof parent !== 'object' || parent === null) continue
    switch (last.type) {
      case 'property':
        if (!Array.isArray(parent)) Reflect.deleteProperty(parent, last.name)
        break
      case 'index':
        if (Array.isArray(parent) && last.index < parent.length) parent[last.index] = null
        break
      case 'wildcard':
        if (Array.isArray(parent)) parent.fill(null)
        else for (const key of Object.keys(parent)) Reflect.deleteProperty(parent, key)
        break
      case 'descendant': {
        const stack: unknown[] = [parent]
        while (stack.length > 0) {
          const node = stack.pop()
          if (typeof node !== 'object' || node === null) continue
          if (!Array.isArray(node)) Reflect.deleteProperty(node, last.name)
          for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push(child)
        }
        break
      }
      default:
        last satisfies never
    }
  }
}
