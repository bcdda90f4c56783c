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

/** A message as one line: its payload (newlines as ⏎, invisibles shown) or its bytes' size. */
export function messagePreview(message: ComparedMessage): string {
  if (message.data !== undefined) {
    // A row shows a line's worth; the detail shows the rest.
    const head = message.data.length > 120 ? message.data.slice(0, 120) : message.data
    return revealInvisibles(head.replace(/\r\n|\r|\n/g, ' ⏎ ')) || '(empty)'
  }
  return `[${message.size} bytes]`
}

/** +0.000 s, relative to the side's first message. */
export function relativeTime(ms: number): string {
  if (ms < 1000) return `+${ms.toFixed(1)} ms`
  if (ms < 60_000) return `+${(ms / 1000).toFixed(3)} s`
  return `+${Math.floor(ms / 60_000)}:${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')}`
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
