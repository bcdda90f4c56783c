import type { ReconnectPolicy } from '#common/contract/index.ts'

export const DEFAULT_WS_RECONNECT: ReconnectPolicy = {
  enabled: false,
  maxAttempts: 10,
  initialDelayMs: 500,
  maxDelayMs: 30_000,
}

/**
 * The wait before reconnect attempt `attempt` (1-based): exponential, capped, with "full jitter"
 * (a random point between half and all of it) so many clients do not come back in lockstep.
 */
export function backoffDelay(
  policy: ReconnectPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(
    policy.maxDelayMs,
    policy.initialDelayMs * 2 ** Math.max(0, attempt - 1),
  )
  return Math.round(exponential / 2 + random() * (exponential / 2))
}

/** Whether reconnect number `reconnect` (1-based, counted since the last stable open) may happen. */
export function mayReconnect(policy: ReconnectPolicy, reconnect: number): boolean {
  return policy.enabled && (policy.maxAttempts === 0 || reconnect <= policy.maxAttempts)
}
