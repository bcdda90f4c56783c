import { describe, expect, it } from 'vitest'
import type { RunSummary } from '#common/contract/index.ts'
import {
  formatDuration,
  formatStart,
  runFacts,
} from '../../../../../renderer/features/sessions/run-format.ts'

describe('formatDuration', () => {
  it('picks a unit a person reads at a glance', () => {
    expect(formatDuration(850)).toBe('850 ms')
    expect(formatDuration(12_345)).toBe('12.3 s')
    expect(formatDuration(245_000)).toBe('4 min 05 s')
    expect(formatDuration(7_380_000)).toBe('2 h 03 min')
  })
})

describe('formatStart', () => {
  it('shows only the time for today, the date otherwise, the year only when it differs', () => {
    const now = new Date(2026, 10, 24, 18, 0, 0).getTime()
    expect(formatStart(new Date(2026, 10, 24, 14, 3, 7).getTime(), now)).toBe('14:03:07')
    expect(formatStart(new Date(2026, 10, 2, 9, 0, 0).getTime(), now)).toBe('2 Nov, 09:00:00')
    expect(formatStart(new Date(2025, 0, 5, 9, 0, 0).getTime(), now)).toBe('5 Jan 2025, 09:00:00')
  })
})

describe('runFacts', () => {
  const run: RunSummary = {
    id: 1,
    sessionId: 's',
    protocol: 'ws',
    url: 'ws://127.0.0.1/ws/echo',
    startedAt: 1_000,
    endedAt: 3_500,
    messageCount: 1204,
    lastSeq: 1210,
    bytes: 90_214,
  }
  it('says how long, how many and how much', () => {
    expect(runFacts(run)).toBe('2.5 s · 1,204 messages · 88.1 KiB')
    expect(runFacts({ ...run, endedAt: null, messageCount: 1, bytes: 5 })).toBe(
      'live… · 1 message · 5 B',
    )
  })
})
