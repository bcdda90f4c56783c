import { formatCount } from '#common/format/count.ts'
import type { RunSummary } from '#common/contract/index.ts'
import { formatSize } from '../message-log/row-format.ts'

/** 850 ms, 12.3 s, 4 min 05 s, 2 h 03 min */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  const seconds = Math.floor(ms / 1000)
  if (seconds < 3600)
    return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`
  return `${Math.floor(seconds / 3600)} h ${String(Math.floor(seconds / 60) % 60).padStart(2, '0')} min`
}

/** When a run started: the time today, else the date and time. */
export function formatStart(ts: number, now = Date.now()): string {
  const date = new Date(ts)
  const time = date.toLocaleTimeString('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })
  if (new Date(now).toDateString() === date.toDateString()) return time
  const day = date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: new Date(now).getFullYear() === date.getFullYear() ? undefined : 'numeric',
  })
  return `${day}, ${time}`
}

/** A run in one line of facts: "4 min 05 s · 1,204 messages · 88.1 KiB", or "live…". */
export function runFacts(run: RunSummary): string {
  const duration = run.endedAt === null ? 'live…' : formatDuration(run.endedAt - run.startedAt)
  const messages = `${formatCount(run.messageCount)} message${run.messageCount === 1 ? '' : 's'}`
  return `${duration} · ${messages} · ${formatSize(run.bytes)}`
}
