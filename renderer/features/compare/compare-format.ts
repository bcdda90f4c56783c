import type { ComparedMessage, PairStatus, SideTiming } from '#common/compare/index.ts'
import { revealInvisibles } from '../message-log/invisible-chars.ts'

export const STATUS_LABELS: Record<PairStatus, string> = {
  equal: 'equal',
  changed: 'changed',
  'only-left': 'only left',
  'only-right': 'only right',
}

/** The marker between the two cells of a pair. */
export const STATUS_MARKS: Record<PairStatus, string> = {
  equal: '=',
  changed: '≠',
  'only-left': '←',
  'only-right': '→',
}

/** Characters of a preview when the space it has is not known yet: a wide window's worth. */
export const PREVIEW_CHARS = 120

/**
 * A message as one line of at most `chars` characters (newlines as ⏎, invisibles shown), or its
 * bytes' size. A row shows what fits; the detail shows the rest.
 */
export function messagePreview(message: ComparedMessage, chars = PREVIEW_CHARS): string {
  if (message.data !== undefined) {
    const head = message.data.length > chars ? message.data.slice(0, chars) : message.data
    return revealInvisibles(head.replace(/\r\n|\r|\n/g, ' ⏎ ')) || '(empty)'
  }
  return `[${message.size} bytes]`
}

/**
 * +0.000 s, relative to the side's first message; − for a message stamped before it (a file's
 * times need not grow, and they once read "+-39.9 ms").
 */
export function relativeTime(ms: number): string {
  // What rounds to 0.0 is +0.0, whichever side of 0 it is.
  const sign = ms <= -0.05 ? '−' : '+'
  const size = Math.abs(ms)
  if (size < 1000) return `${sign}${size.toFixed(1)} ms`
  if (size < 60_000) return `${sign}${(size / 1000).toFixed(3)} s`
  const seconds = String(Math.floor((size % 60_000) / 1000)).padStart(2, '0')
  return `${sign}${Math.floor(size / 60_000)}:${seconds}`
}

export function formatMs(ms: number): string {
  if (ms < 10) return `${ms.toFixed(2)} ms`
  if (ms < 1000) return `${ms.toFixed(1)} ms`
  return `${(ms / 1000).toFixed(2)} s`
}

/**
 * How the gap before a message looks in the gutter: a burst (far shorter than usual), a gap (far
 * longer), or usual; and a bar width from 0 to 1 on a log scale around the side's median.
 */
export function gapMark(
  gapMs: number | null,
  timing: SideTiming,
): { kind: 'burst' | 'gap' | 'usual'; width: number } {
  if (gapMs === null || timing.messages < 3) return { kind: 'usual', width: 0 }
  const median = Math.max(timing.gapP50, 0.001)
  const ratio = Math.log10(Math.max(gapMs, 0.001) / median)
  const width = Math.max(0.04, Math.min(1, 0.35 + ratio / 4))
  const kind =
    gapMs > Math.max(timing.gapP99, median * 10) ? 'gap' : gapMs < median / 10 ? 'burst' : 'usual'
  return { kind, width }
}
