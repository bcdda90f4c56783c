import { directionOf, type LogRow } from './log-row.ts'
import type { Highlighter } from './log-view.ts'
import { formatSize, kindLabel, PREVIEW_CHARS, rowPreview } from './row-format.ts'

/** How a row shows in the log: what each of its cells says, and how it looks. */
export interface RowView {
  direction: 'in' | 'out' | 'lifecycle'
  arrow: string
  /** The arrow's name for a screen reader. */
  arrowLabel: string
  tone: 'danger' | 'muted' | 'warn' | 'normal' | 'lifecycle'
  kind: string
  size: string
  /** The preview, cut where the search found itself: marked parts and the rest. */
  parts: { text: string; hit: boolean }[]
}

const ARROWS = { in: '↓', out: '↑', lifecycle: '•' } as const
const ARROW_LABELS = { in: 'received', out: 'sent', lifecycle: 'event' } as const

/**
 * A row as the log shows it, `highlight` marking what a search found in its preview (of at most
 * `chars` characters of its payload). A plain function, not a component per row: every row on
 * screen is shown anew each frame of a firehose, and a component's own updates (its props, its
 * computed values, its root's attributes merged) cost more than drawing the row.
 */
export function rowView(
  row: LogRow,
  highlight: Highlighter | null,
  chars = PREVIEW_CHARS,
): RowView {
  const direction = directionOf(row)
  return {
    direction,
    arrow: ARROWS[direction],
    arrowLabel: ARROW_LABELS[direction],
    tone: toneOf(row),
    kind: kindLabel(row),
    size: row.type === 'message' ? formatSize(row.size) : '',
    parts: partsOf(rowPreview(row, chars), highlight),
  }
}

function partsOf(text: string, highlight: Highlighter | null): RowView['parts'] {
  const ranges = highlight ? highlight(text) : []
  if (ranges.length === 0) return [{ text, hit: false }]
  const pieces: RowView['parts'] = []
  let at = 0
  for (const [start, end] of ranges) {
    if (start > at) pieces.push({ text: text.slice(at, start), hit: false })
    pieces.push({ text: text.slice(start, end), hit: true })
    at = end
  }
  if (at < text.length) pieces.push({ text: text.slice(at), hit: false })
  return pieces
}

function toneOf(row: LogRow): RowView['tone'] {
  switch (row.type) {
    case 'error':
      return 'danger'
    case 'close':
      return row.clean ? 'muted' : 'danger'
    case 'skipped':
    case 'restarted':
      return 'warn'
    case 'message':
      return row.kind === 'sse-comment' || row.kind === 'sse-retry' ? 'muted' : 'normal'
    default:
      return 'lifecycle'
  }
}
