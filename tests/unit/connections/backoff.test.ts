import { describe, expect, it } from 'vitest'
import { backoffDelay, mayReconnect } from '../../../main/connections/backoff.ts'

const policy = { enabled: true, maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 1000 }

describe('backoffDelay', () => {
  it('doubles each attempt up to the cap, jittered between half and all of it', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(policy, attempt, () => 0))).toEqual([
      50, 100, 200, 400, 500,
    ])
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(policy, attempt, () => 1))).toEqual([
      100, 200, 400, 800, 1000,
    ])
  })
})

describe('mayReconnect', () => {
  it('allows up to maxAttempts reconnects, or any number when it is 0', () => {
    expect([1, 2, 3, 4].map((n) => mayReconnect(policy, n))).toEqual([true, true, true, false])
    expect(mayReconnect({ ...policy, maxAttempts: 0 }, 1000)).toBe(true)
    expect(mayReconnect({ ...policy, enabled: false }, 1)).toBe(false)
  })
})
