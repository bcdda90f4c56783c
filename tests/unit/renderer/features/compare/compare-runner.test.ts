import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_COMPARE_OPTIONS } from '#common/compare/index.ts'
import { createSideFeed } from '../../../../../renderer/features/compare/compare-chunk.ts'
import { createCompareRunner } from '../../../../../renderer/features/compare/compare-runner.ts'
import { LogBuffer } from '../../../../../renderer/features/message-log/log-buffer.ts'

/** A log of `count` text messages, the one at `change` different. */
function log(count: number, change = -1): LogBuffer {
  const buffer = new LogBuffer(count)
  for (let i = 0; i < count; i++) {
    const data = `{"seq":${i + 1},"v":${i === change ? 2 : 1}}`
    buffer.append([
      {
        type: 'message',
        seq: i + 1,
        ts: i,
        direction: 'in',
        kind: 'text',
        size: data.length,
        data,
      },
    ])
  }
  return buffer
}

const feed = (buffer: LogBuffer) => createSideFeed(buffer, DEFAULT_COMPARE_OPTIONS)

/**
 * A stand-in for the browser's Worker whose script never runs, as when a policy refuses it: the
 * error event comes after construction, or (`failOnChunk`) once it is sent a chunk.
 */
function failingWorker(failOnChunk: boolean) {
  return class {
    onmessage: ((event: MessageEvent) => void) | null = null
    onerror: ((event: Event) => void) | null = null
    constructor() {
      if (!failOnChunk) setTimeout(() => this.onerror?.(new Event('error')), 0)
    }
    postMessage(message: { type: string }): void {
      if (failOnChunk && message.type === 'chunk')
        queueMicrotask(() => this.onerror?.(new Event('error')))
    }
    terminate(): void {}
  }
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('a comparison whose worker fails under it', () => {
  it.each([
    ['once every chunk is sent', false, 50],
    ['while chunks are still being sent', true, 40_000],
  ])('ends lost (%s), and the next runs on the page', async (_when, failOnChunk, count) => {
    vi.stubGlobal('Worker', failingWorker(failOnChunk))
    const runner = createCompareRunner()
    const lost = await runner.compare(
      feed(log(count)),
      feed(log(count, 7)),
      DEFAULT_COMPARE_OPTIONS,
    )
    expect(lost).toEqual({ type: 'lost', job: 1 })

    const again = await runner.compare(
      feed(log(count)),
      feed(log(count, 7)),
      DEFAULT_COMPARE_OPTIONS,
    )
    expect(again?.type).toBe('result')
    if (again?.type !== 'result') return
    expect(again.outcome.summary).toMatchObject({ equal: count - 1, changed: 1 })
  })
})
