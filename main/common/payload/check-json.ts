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
  /**
   * The grammar's values, walked with an explicit stack of open containers rather than by
   * recursion: 100,000 nested brackets must give a position, not "Maximum call stack size exceeded".
   */
  const value = (): void => {
    const open: ('{' | '[')[] = []
    /** After a value: a comma (then the next member) or the container's end, however many. */
    const afterValue = (): boolean => {
      for (;;) {
        const container = open.at(-1)
        if (container === undefined) return false
        space()
        const close = container === '{' ? '}' : ']'
        if (text[i] === ',') {
          i++
          return true
        }
        if (text[i] !== close) fail(`"," or "${close}"`)
        i++
        open.pop()
      }
    }
    /** Where a member starts: in an object, its name and colon first. */
    const memberStart = (): void => {
      if (open.at(-1) !== '{') return
      space()
      if (text[i] !== '"') fail('a property name in double quotes')
      string()
      space()
      if (text[i] !== ':') fail('":"')
      i++
    }
    for (;;) {
      space()
      const char = text[i]
      if (char === '{' || char === '[') {
        i++
        space()
        const close = char === '{' ? '}' : ']'
        if (text[i] === close) {
          i++
        } else {
          open.push(char)
          memberStart()
          continue
        }
      } else if (char === '"') string()
      else if (char === 't') literal('true')
      else if (char === 'f') literal('false')
      else if (char === 'n') literal('null')
      else if (char === '-' || /[0-9]/.test(char ?? '')) number()
      else fail('a value')
      if (!afterValue()) return
      memberStart()
    }
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
