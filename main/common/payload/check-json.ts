export type JsonCheck =
  | { ok: true; value: unknown }
  | { ok: false; message: string; offset: number; line: number; column: number }

/**
 * Parses JSON, or says where it is wrong: "Expected a value at line 1, column 7, found '}'".
 * JSON.parse does the parsing; on failure a small scanner finds the first bad character, since
 * engines word (and place) their errors differently.
 */
export function checkJson(text: string): JsonCheck {
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    const { offset, expected } = locateJsonError(text)
    const before = text.slice(0, offset)
    const line = before.split('\n').length
    const column = offset - before.lastIndexOf('\n')
    const found = offset >= text.length ? 'the end of the text' : JSON.stringify(text[offset])
    return {
      ok: false,
      message: `Expected ${expected} at line ${line}, column ${column}, found ${found}`,
      offset,
      line,
      column,
    }
  }
}

class JsonSyntaxError extends Error {
  readonly offset: number
  readonly expected: string
  constructor(offset: number, expected: string) {
    super(`Expected ${expected} at offset ${offset}`)
    this.offset = offset
    this.expected = expected
  }
}

/** Where the first syntax error of `text` is (RFC 8259), and what was expected there. */
export function locateJsonError(text: string): { offset: number; expected: string } {
  let i = 0
  const fail = (expected: string): never => {
    throw new JsonSyntaxError(i, expected)
  }
  const space = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++
  }
  const literal = (word: string): void => {
    for (const char of word) {
      if (text[i] !== char) fail(JSON.stringify(word))
      i++
    }
  }
  const string = (): void => {
    i++ // the opening quote
    for (;;) {
      const char = text[i]
      if (char === undefined) fail('a closing quote')
      if (char === '"') break
      if (char! < ' ') fail('an escaped control character')
      if (char === '\\') {
        i++
        if (text[i] === 'u') {
          for (let k = 1; k <= 4; k++) {
            if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) {
              i += k
              fail('four hex digits')
            }
          }
          i += 4
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail('an escape sequence')
      }
      i++
    }
    i++
  }
  const number = (): void => {
    if (text[i] === '-') i++
    if (text[i] === '0') i++
    else if (/[1-9]/.test(text[i] ?? '')) while (/[0-9]/.test(text[i] ?? '')) i++
    else fail('a digit')
    if (text[i] === '.') {
      i++
      if (!/[0-9]/.test(text[i] ?? '')) fail('a digit')
      while (/[0-9]/.test(text[i] ?? '')) i++
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++
      if (text[i] === '+' || text[i] === '-') i++
      if (!/[0-9]/.test(text[i] ?? '')) fail('a digit')
      while (/[0-9]/.test(text[i] ?? '')) i++
    }
  }
  const value = (): void => {
    space()
    const char = text[i]
    if (char === '{') {
      i++
      space()
      if (text[i] === '}') return void i++
      for (;;) {
        space()
        if (text[i] !== '"') fail('a property name in double quotes')
        string()
        space()
        if (text[i] !== ':') fail('":"')
        i++
        value()
        space()
        if (text[i] === ',') i++
        else if (text[i] === '}') return void i++
        else fail('"," or "}"')
      }
    }
    if (char === '[') {
      i++
      space()
      if (text[i] === ']') return void i++
      for (;;) {
        value()
        space()
        if (text[i] === ',') i++
        else if (text[i] === ']') return void i++
        else fail('"," or "]"')
      }
    }
    if (char === '"') return string()
    if (char === 't') return literal('true')
    if (char === 'f') return literal('false')
    if (char === 'n') return literal('null')
    if (char === '-' || /[0-9]/.test(char ?? '')) return number()
    fail('a value')
  }
  try {
    value()
    space()
    if (i < text.length) fail('the end of the text')
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { offset: error.offset, expected: error.expected }
    throw error
  }
  return { offset: text.length, expected: 'valid JSON' }
}
