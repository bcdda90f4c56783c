import { describe, expect, it } from 'vitest'
import { dropZoneOf, titleDetails } from '../../../../../renderer/features/workspace/tab-titles.ts'

describe('titleDetails', () => {
  it('adds nothing to a title only one tab has', () => {
    expect(
      titleDetails([
        { title: 'echo', url: 'ws://a/echo' },
        { title: 'stream', url: 'ws://a/stream' },
      ]),
    ).toEqual([null, null])
  })

  it('tells tabs of one title apart by host where hosts differ, else by path and query', () => {
    expect(
      titleDetails([
        { title: 'echo', url: 'ws://localhost:8080/echo' },
        { title: 'echo', url: 'wss://staging.example/echo' },
        { title: 'stream', url: 'ws://a/stream?rate=10' },
        { title: 'stream', url: 'ws://a/stream?rate=100' },
      ]),
    ).toEqual(['localhost:8080', 'staging.example', '/stream?rate=10', '/stream?rate=100'])
  })

  it('numbers tabs whose URLs are the same too', () => {
    expect(
      titleDetails([
        { title: 'echo', url: 'ws://a/echo' },
        { title: 'echo', url: 'ws://a/echo' },
        { title: 'Compare', url: null },
        { title: 'Compare', url: null },
      ]),
    ).toEqual(['#1', '#2', '#1', '#2'])
  })
})

describe('dropZoneOf', () => {
  it('moves at a tab’s outer quarters and compares in its middle', () => {
    expect([0, 24, 25, 60, 75, 99].map((x) => dropZoneOf(x, 100, true))).toEqual([
      'before',
      'before',
      'compare',
      'compare',
      'after',
      'after',
    ])
  })

  it('only moves where the two cannot be compared', () => {
    expect([10, 49, 50, 90].map((x) => dropZoneOf(x, 100, false))).toEqual([
      'before',
      'before',
      'after',
      'after',
    ])
  })
})
