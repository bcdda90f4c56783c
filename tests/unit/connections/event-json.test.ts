import { describe, expect, it } from 'vitest'
import type { MessageEvent } from '#common/contract/index.ts'
import { messageEventJson } from '../../../main/connections/event-json.ts'

const base = {
  type: 'message',
  seq: 12,
  ts: 1795516304682.2288,
  direction: 'in',
  kind: 'text',
  size: 5,
} as const

describe('messageEventJson', () => {
  it.each<MessageEvent>([
    { ...base, data: 'hello' },
    { ...base, data: 'quotes " and \\ and \n and \u0000 and é and 🎉' },
    { ...base, kind: 'binary', base64: 'AAEC/w==' },
    { ...base, kind: 'sse-event', data: '{"a":1}', event: 'tick"tock', id: '7\\' },
    { ...base, kind: 'sse-event', data: 'x', event: 'm', id: 'é', lastEventId: 'é' },
    { ...base, kind: 'sse-event', data: 'x', event: 'm', lastEventId: '"7"' },
    { ...base, kind: 'sse-retry', size: 0, data: '', retry: 1500 },
    { ...base, direction: 'out', data: 'x'.repeat(10), truncated: true },
    { ...base, ts: 1e21, kind: 'ping', size: 0 },
  ])('equals JSON.stringify for %j', (event) => {
    expect(messageEventJson(event)).toBe(JSON.stringify(event))
  })
})
