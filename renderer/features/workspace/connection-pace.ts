import { formatCount } from '#common/format/count.ts'
import { computed, onScopeDispose, ref, type Ref } from 'vue'
import type { ConnectionSnapshot } from '#common/contract/index.ts'
import { formatDuration } from '../sessions/run-format.ts'

/** How often the duration and the rate are brought up to date. */
const TICK_MS = 1000

/**
 * How long a connection has been open (or was, once closed) and how many messages a second it
 * carries, both ways, over the last second: for the status line, updated once a second.
 */
export function useConnectionPace(snapshot: Ref<ConnectionSnapshot | null>) {
  const now = ref(Date.now())
  const rate = ref<number | null>(null)
  let last: { id: string; total: number; at: number } | null = null

  const timer = setInterval(() => {
    now.value = Date.now()
    const current = snapshot.value
    if (current === null || current.state !== 'open') {
      rate.value = null
      last = null
      return
    }
    const total = current.stats.messagesIn + current.stats.messagesOut
    if (last !== null && last.id === current.id)
      rate.value = ((total - last.total) * 1000) / Math.max(1, now.value - last.at)
    last = { id: current.id, total, at: now.value }
  }, TICK_MS)
  onScopeDispose(() => clearInterval(timer))

  const duration = computed(() => {
    const current = snapshot.value
    if (!current?.openedAt) return null
    return formatDuration((current.closedAt ?? now.value) - current.openedAt)
  })
  const rateText = computed(() =>
    rate.value === null ? null : `${formatCount(Math.round(rate.value))}/s`,
  )
  return { duration, rate: rateText }
}
