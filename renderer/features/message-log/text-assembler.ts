import { formatCount } from '#common/format/count.ts'
import { parsePath, selectFirst, type ParsedPath } from '#common/compare/index.ts'
import type { LogRow } from './log-row.ts'

/** The JSONPath of an OpenAI-style stream's text: each event's delta. */
export const DEFAULT_ASSEMBLE_PATH = '$.choices[0].delta.content'

/** What an assembled stream holds so far. */
export interface Assembled {
  text: string
  /** Pieces appended: for an LLM stream, about its tokens. */
  pieces: number
  firstTs: number | null
  lastTs: number | null
}

/**
 * Puts a stream's text back together: for each received message, the string at a path (in its
 * JSON payload, or a field: `@data` takes the payload whole), appended in order. Messages with
 * nothing there (a `[DONE]`, a role-only first chunk) add nothing.
 */
export class TextAssembler {
  readonly #path: ParsedPath
  #text = ''
  #pieces = 0
  #firstTs: number | null = null
  #lastTs: number | null = null

  /** Throws PathSyntaxError for an expression that does not parse. */
  constructor(path: string) {
    this.#path = parsePath(path)
  }

  take(row: LogRow): void {
    if (row.type !== 'message' || row.direction !== 'in' || row.data === undefined) return
    const piece = this.#pieceOf(row)
    if (typeof piece !== 'string' || piece === '') return
    this.#text += piece
    this.#pieces++
    this.#firstTs ??= row.ts
    this.#lastTs = row.ts
  }

  get result(): Assembled {
    return { text: this.#text, pieces: this.#pieces, firstTs: this.#firstTs, lastTs: this.#lastTs }
  }

  #pieceOf(row: LogRow & { type: 'message' }): unknown {
    const path = this.#path
    if (path.kind === 'field') return path.field === 'seq' ? undefined : row[path.field]
    try {
      return selectFirst(JSON.parse(row.data!) as unknown, path.segments)
    } catch {
      return undefined
    }
  }
}

/** "128 pieces · 42.7 a second, over 3.0 s". */
export function assembledPace({ pieces, firstTs, lastTs }: Assembled): string | null {
  if (pieces === 0 || firstTs === null || lastTs === null) return null
  const seconds = (lastTs - firstTs) / 1000
  const rate =
    seconds > 0 ? `, ${(pieces / seconds).toFixed(1)} a second over ${seconds.toFixed(1)} s` : ''
  return `${formatCount(pieces)} tokens${rate}`
}
