import { describe, expect, it } from 'vitest'
import {
  applyRules,
  compareTexts,
  compileIgnoreRules,
  messagesEqual,
  valuesEqual,
  type TextBytes,
} from '#common/compare/index.ts'
import { text as message } from './messages.ts'

/** Whether the texts hold different values as messagesEqual judges them: parsed, rules applied. */
function parsedDiffer(a: string, b: string, ignore: string[] = []): boolean {
  const rules = compileIgnoreRules(ignore)
  try {
    return !valuesEqual(applyRules(JSON.parse(a), rules), applyRules(JSON.parse(b), rules))
  } catch {
    return true // a text that does not parse equals nothing it is not identical to
  }
}

/**
 * `text` as bytes amid other text, as a log's block holds it: what lies around it (a backslash, a
 * repeated key) must not count.
 */
function held(text: string): TextBytes {
  const before = new TextEncoder().encode('{"k0":"\\"},')
  const bytes = new TextEncoder().encode(`${'{"k0":"\\"},'}${text}{"a":1,"seq":2,"k1":"\\\\"}`)
  const to = before.length + new TextEncoder().encode(text).length
  return { bytes, from: before.length, to }
}

const verdict = (a: string, b: string, ignore: string[] = []) =>
  compareTexts(held(a), held(b), compileIgnoreRules(ignore).paths)
const differ = (a: string, b: string, ignore: string[] = []) =>
  verdict(a, b, ignore) === 'different'

describe('compareTexts', () => {
  it('tells the same text from its bytes', () => {
    expect(verdict('{"a":1}', '{"a":1}')).toBe('same')
    expect(verdict('{"a":1}', '{"a":1} ')).toBe('unknown')
    expect(verdict('{"a":"é"}', '{"a":"è"}')).toBe('different')
  })

  it('tells a changed scalar under the same keys from the text', () => {
    expect(differ('{"seq":1,"ts":10.5,"pad":"x"}', '{"seq":1,"ts":10.9,"pad":"x"}')).toBe(true)
    expect(differ('{"a":{"b":[1,2,"x"]}}', '{"a":{"b":[1,2,"y"]}}')).toBe(true)
    expect(differ('{"a":1}', '{"a":12}')).toBe(true)
    expect(differ('{"a":12}', '{"a":1}')).toBe(true)
    expect(differ('{"a":true}', '{"a":false}')).toBe(true)
    expect(differ('{"a":null}', '{"a":0}')).toBe(true)
    expect(differ('{"a":1,"b":2}', '{"a":1,"b":"2"}')).toBe(true)
  })

  it('leaves to parsing what only parsing can tell', () => {
    // Numbers written differently, strings escaped differently, keys in another order, spaces.
    expect(differ('{"a":1.0}', '{"a":1}')).toBe(false)
    expect(differ('{"a":1.50}', '{"a":1.5}')).toBe(false)
    expect(differ('{"a":1e2}', '{"a":100}')).toBe(false)
    expect(differ('{"a":-0}', '{"a":0}')).toBe(false)
    expect(differ('{"a":9007199254740993}', '{"a":9007199254740992}')).toBe(false) // one double
    expect(differ('{"a":"\\u0041"}', '{"a":"A"}')).toBe(false)
    expect(differ('{"a":1,"b":2}', '{"b":2,"a":1}')).toBe(false)
    expect(differ('{"x":0,"a":1,"b":2}', '{"x":0,"b":2,"a":1}')).toBe(false)
    expect(differ('{"a":1,"b":2}', '{"a":1, "b":2}')).toBe(false)
    expect(differ('[1,2]', '[1 ,2]')).toBe(false)
    // A key on the path that comes again later replaces the value that differs.
    expect(differ('{"a":1,"a":5}', '{"a":2,"a":5}')).toBe(false)
    expect(differ('{"a":1}', '{"a":2,"a":1}')).toBe(false)
    expect(differ('{"x":{"a":1},"x":{"a":2}}', '{"x":{"a":3},"x":{"a":2}}')).toBe(false)
    expect(differ('{"a":1,"\\u0061":5}', '{"a":2,"\\u0061":5}')).toBe(false)
    // Not values under a key: the root itself, a key.
    expect(differ('1', '2')).toBe(false)
    expect(differ('{"a":1}', '{"b":1}')).toBe(false)
  })

  it('still tells a difference after an earlier repeat of its key', () => {
    expect(differ('{"a":5,"a":1}', '{"a":5,"a":2}')).toBe(true)
  })

  it('leaves a difference an ignore rule reaches to parsing', () => {
    const a = '{"seq":1,"body":{"items":[{"ts":1},{"ts":2}]}}'
    const b = '{"seq":1,"body":{"items":[{"ts":1},{"ts":3}]}}'
    expect(differ(a, b)).toBe(true)
    expect(differ(a, b, ['$.seq'])).toBe(true)
    expect(differ(a, b, ['$.body.items[0]'])).toBe(true)
    for (const rule of ['$..ts', '$.body', '$.body.items[1]', '$.body.items[*].ts', '$.*.items'])
      expect(differ(a, b, [rule]), rule).toBe(false)
  })

  it('steps over differences the ignore rules remove, and says so', () => {
    const a = '{"seq":1,"ts":10.5,"id":"a-1","items":[{"at":1},{"at":2}]}'
    const b = '{"seq":1,"ts":10.75,"id":"b-22","items":[{"at":1},{"at":3}]}'
    expect(verdict(a, b, ['$.ts', '$.id', '$..at'])).toBe('ignored-only')
    expect(verdict(a, b, ['$.ts', '$.id'])).toBe('different') // items[1].at still differs
    expect(verdict(a, b, ['$.ts'])).toBe('different')
    expect(verdict('{"ts":1,"a":[1]}', '{"ts":2,"a":[1,2]}', ['$.ts'])).toBe('unknown')
    // Stepped over only where the value is one and the key its name: else parsing tells.
    expect(verdict('{"ts":1,"a":1}', '{"ts":01,"a":1}', ['$.ts'])).toBe('unknown')
    expect(verdict('{"ts":"\\x"}', '{"ts":"y"}', ['$.ts'])).toBe('unknown')
    expect(verdict('{"t\\u0073":1}', '{"t\\u0073":2}', ['$.ts'])).toBe('unknown')
    // A key written with an escape is not the name it reads as: \b is a backspace.
    expect(verdict('{"a\\b":1}', '{"a\\b":2}', ["$['a\\b']"])).toBe('unknown')
    expect(verdict('{"ts":1,"a":1', '{"ts":2,"a":1', ['$.ts'])).toBe('ignored-only') // not JSON…
    const rules = compileIgnoreRules(['$.ts'])
    expect(messagesEqual(message('{"ts":1,"a":1', 1), message('{"ts":2,"a":1', 2), rules)).toBe(
      false,
    ) // …so not equal
    expect(messagesEqual(message('{"ts":1,"a":1}', 1), message('{"ts":2,"a":1}', 2), rules)).toBe(
      true,
    )
  })

  it('never calls different what parses as equal (seeded, with repeats, escapes and spaces)', () => {
    const next = random(7)
    let told = 0
    let stepped = 0
    for (let round = 0; round < 4_000; round++) {
      const tree = value(next, 3)
      const twin = mutate(structuredClone(tree), next)
      const a = write(tree, next)
      const b = write(twin, next)
      if (a === b) continue
      const ignore = next() < 0.3 ? ['$..k1'] : []
      const fast = verdict(a, b, ignore)
      if (fast === 'different') told++
      if (fast === 'ignored-only') stepped++
      if (fast === 'different' || fast === 'ignored-only')
        expect(parsedDiffer(a, b, ignore), `${a}\n${b}\n${ignore.join()}`).toBe(
          fast === 'different',
        )
    }
    // The generator repeats keys often, so many are left to parsing; enough are told to count.
    expect(told).toBeGreaterThan(400)
    expect(stepped).toBeGreaterThan(50)
  })

  it('tells every pair of JSON.stringify texts with one scalar changed', () => {
    const next = random(11)
    for (let round = 0; round < 1_000; round++) {
      const message = { seq: round, ts: 1e12 + next(), body: { price: next(), side: 'buy' } }
      const changed = structuredClone(message)
      if (next() < 0.5) changed.ts += 0.25
      else changed.body.side = 'sell'
      expect(differ(JSON.stringify(message), JSON.stringify(changed))).toBe(true)
    }
  })
})

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    return state / 2 ** 31
  }
}

/** A JSON value whose objects are lists of entries, so a key may repeat. */
type Tree = number | string | boolean | null | Tree[] | { entries: [string, Tree][] }

function value(next: () => number, depth: number): Tree {
  const roll = next()
  if (depth === 3 || (depth > 0 && roll < 0.3)) {
    const entries: [string, Tree][] = []
    const count = 1 + Math.floor(next() * 4)
    for (let i = 0; i < count; i++)
      entries.push([`k${Math.floor(next() * 5)}`, value(next, depth - 1)])
    return { entries }
  }
  if (depth > 0 && roll < 0.45)
    return Array.from({ length: 1 + Math.floor(next() * 3) }, () => value(next, depth - 1))
  if (roll < 0.7) return Math.floor(next() * 4) / 2
  if (roll < 0.85) return ['a', 'b', 'A'][Math.floor(next() * 3)]!
  return [true, false, null][Math.floor(next() * 3)]!
}

/** Changes one scalar, swaps two entries, or repeats a key, somewhere in `tree`. */
function mutate(tree: Tree, next: () => number): Tree {
  if (Array.isArray(tree) && tree.length > 0) {
    const i = Math.floor(next() * tree.length)
    tree[i] = mutate(tree[i]!, next)
    return tree
  }
  if (typeof tree === 'object' && tree !== null && !Array.isArray(tree)) {
    const { entries } = tree
    const roll = next()
    if (roll < 0.1 && entries.length > 1) entries.push(...entries.splice(-2).reverse())
    else if (roll < 0.2) entries.push([entries[0]![0], value(next, 0)])
    else {
      const entry = entries[Math.floor(next() * entries.length)]!
      entry[1] = mutate(entry[1], next)
    }
    return tree
  }
  return value(next, 0)
}

/** `tree` as JSON text, each token written one of the ways JSON allows. */
function write(tree: Tree, next: () => number): string {
  const space = () => (next() < 0.05 ? ' ' : '')
  if (Array.isArray(tree)) return `[${tree.map((item) => space() + write(item, next)).join(',')}]`
  if (typeof tree === 'object' && tree !== null)
    return `{${tree.entries.map(([key, item]) => `${space()}${text(key, next)}:${write(item, next)}`).join(',')}}`
  if (typeof tree === 'string') return text(tree, next)
  if (typeof tree === 'number' && Number.isInteger(tree) && next() < 0.1) return `${tree}.0`
  return JSON.stringify(tree)
}

function text(value: string, next: () => number): string {
  return next() < 0.05
    ? `"\\u${value.charCodeAt(0).toString(16).padStart(4, '0')}${value.slice(1)}"`
    : JSON.stringify(value)
}
