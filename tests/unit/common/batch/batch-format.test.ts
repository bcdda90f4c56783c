import { describe, expect, it } from 'vitest'
import {
  BatchBuilder,
  BatchFormatError,
  eventsOf,
  messageAt,
  payloadOf,
  readBatch,
  type SseFields,
} from '#common/batch/index.ts'
import type { ConnectionEvent } from '#common/contract/index.ts'

const header = {
  connectionId: 'c7',
  batch: 3,
  skipped: 0,
  stats: { messagesIn: 4, messagesOut: 1, bytesIn: 40, bytesOut: 2, skipped: 0 },
  throttled: false,
}
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

/** A batch of one-byte SSE rows with the fields `list` gives, read back; `builder` then reset. */
function sseRowsOf(builder: BatchBuilder, list: readonly SseFields[]): ConnectionEvent[] {
  list.forEach((sse, i) =>
    builder.addMessage(i + 1, i, 1, 'sse-event', 'in', 'x', { text: true, truncated: false }, sse),
  )
  const batch = readBatch(builder.encode(header))
  builder.reset()
  return eventsOf(batch)
}

function sample(): { builder: BatchBuilder; events: ConnectionEvent[] } {
  const builder = new BatchBuilder(2) // grows past its first columns
  const open: ConnectionEvent = {
    type: 'open',
    seq: 2,
    ts: 10,
    handshake: {
      url: 'ws://x/',
      status: 101,
      statusText: 'Switching Protocols',
      requestHeaders: [],
      responseHeaders: [],
      subprotocol: null,
      extensions: null,
      compression: null,
      durationMs: 1,
    },
  }
  const connecting: ConnectionEvent = {
    type: 'connecting',
    seq: 1,
    ts: 9,
    attempt: 1,
    url: 'ws://x/',
  }
  builder.addEvent(connecting)
  builder.addEvent(open)
  builder.addMessage(3, 11.25, 7, 'text', 'in', utf8('héllo 🌍'.slice(0, 5)), {
    text: true,
    truncated: false,
  })
  builder.addMessage(4, 12, 3, 'binary', 'out', new Uint8Array([0, 1, 255]), {
    text: false,
    truncated: false,
  })
  builder.addMessage(
    5,
    13,
    100_000,
    'sse-event',
    'in',
    'préview',
    { text: true, truncated: true },
    {
      event: 'tick',
      id: '42',
      lastEventId: '42',
    },
  )
  builder.addMessage(
    6,
    14,
    4,
    'sse-retry',
    'in',
    '3000',
    { text: true, truncated: false },
    { retry: 3000 },
  )
  builder.addMessage(7, 15, 0, 'ping', 'in', new Uint8Array(0), { text: true, truncated: false })
  const close: ConnectionEvent = {
    type: 'close',
    seq: 8,
    ts: 16,
    code: 1000,
    reason: 'bye',
    clean: true,
  }
  builder.addEvent(close)
  return { builder, events: [connecting, open, close] }
}

describe('a batch of rows', () => {
  it('reads back every row and event, in seq order', () => {
    const { builder, events } = sample()
    const batch = readBatch(builder.encode(header))
    expect(batch).toMatchObject({ ...header, count: 5, events })
    expect(eventsOf(batch)).toEqual([
      events[0],
      events[1],
      { type: 'message', seq: 3, ts: 11.25, direction: 'in', kind: 'text', size: 7, data: 'héllo' },
      {
        type: 'message',
        seq: 4,
        ts: 12,
        direction: 'out',
        kind: 'binary',
        size: 3,
        base64: 'AAH/',
      },
      {
        type: 'message',
        seq: 5,
        ts: 13,
        direction: 'in',
        kind: 'sse-event',
        size: 100_000,
        data: 'préview',
        truncated: true,
        event: 'tick',
        id: '42',
        lastEventId: '42',
      },
      {
        type: 'message',
        seq: 6,
        ts: 14,
        direction: 'in',
        kind: 'sse-retry',
        size: 4,
        data: '3000',
        retry: 3000,
      },
      { type: 'message', seq: 7, ts: 15, direction: 'in', kind: 'ping', size: 0, data: '' },
      events[2],
    ])
  })

  it('gives each row its SSE fields: repeated, changed, and in the next batch', () => {
    const builder = new BatchBuilder(2)
    const fieldsOf = (list: SseFields[]) =>
      sseRowsOf(builder, list).map((event) => event.type === 'message' && [event.event, event.id])
    const ids = Array.from({ length: 9 }, (_, i) => ({ id: String(i) }))
    const first: SseFields[] = [{}, {}, ...ids, { event: 'tick' }, { event: 'tick' }]
    expect(fieldsOf(first)).toEqual(first.map((sse) => [sse.event, sse.id]))
    // The same fields as the last batch's last row, many times: each row's are its own.
    const next = Array.from({ length: 20 }, () => ({ event: 'tick' }))
    expect(fieldsOf(next)).toEqual(next.map(() => ['tick', undefined]))
  })

  it('gives each row its ids where only they change, plain or in need of escaping', () => {
    const builder = new BatchBuilder(2)
    const fieldsOf = (list: SseFields[]) =>
      sseRowsOf(builder, list).map(
        (event) =>
          event.type === 'message' && [event.event, event.id, event.lastEventId, event.retry],
      )
    const numbered = (id: string): SseFields => ({
      event: 'tick',
      id,
      lastEventId: id,
      retry: 3000,
    })
    const odd = ['a"b', 'a\\b', 'é', '\u0001', '', '\u{1F600}'].map(numbered)
    const first = [
      ...['1', '2', '3'].map(numbered),
      ...odd,
      { event: 'tick', retry: 3000 },
      { event: 'tick', lastEventId: '3', retry: 3000 },
      numbered('4'),
    ]
    const expected = (list: SseFields[]) =>
      list.map((sse) => [sse.event, sse.id, sse.lastEventId, sse.retry])
    expect(fieldsOf(first)).toEqual(expected(first))
    // After a reset, the next batch's ids between the same event and retry.
    const next = ['5', '6', 'x y'].map(numbered)
    expect(fieldsOf(next)).toEqual(expected(next))
  })

  it('gives each row its own payload bytes', () => {
    const batch = readBatch(sample().builder.encode(header))
    expect([...payloadOf(batch, 1)]).toEqual([0, 1, 255])
    expect(payloadOf(batch, 4).length).toBe(0)
  })

  it('leaves the message rows out when asked, keeping the other events', () => {
    const { builder, events } = sample()
    const batch = readBatch(builder.encode({ ...header, skipped: 5 }, false))
    expect(batch.count).toBe(0)
    expect(batch.skipped).toBe(5)
    expect(eventsOf(batch)).toEqual(events)
  })

  it('starts again empty after a reset, reusing its columns', () => {
    const { builder } = sample()
    builder.reset()
    expect(builder.empty).toBe(true)
    builder.addMessage(9, 1, 1, 'text', 'in', 'x', { text: true, truncated: false })
    const batch = readBatch(builder.encode(header))
    expect(eventsOf(batch)).toEqual([
      { type: 'message', seq: 9, ts: 1, direction: 'in', kind: 'text', size: 1, data: 'x' },
    ])
  })

  it('reads a batch that sits at any offset of a larger buffer', () => {
    const bytes = sample().builder.encode(header)
    const shifted = new Uint8Array(bytes.length + 3)
    shifted.set(bytes, 3)
    expect(messageAt(readBatch(shifted.subarray(3)), 1).base64).toBe('AAH/')
  })

  it('counts its bytes as encoded', () => {
    const { builder } = sample()
    const bytes = builder.encode(header)
    expect(builder.bytes).toBeLessThan(bytes.length)
    expect(bytes.length - builder.bytes).toBeLessThan(1024) // the header
  })
})

describe('readBatch', () => {
  const good = (): Uint8Array => sample().builder.encode(header)

  it.each([
    ['too short', new Uint8Array(4), /too short/],
    ['another format', new Uint8Array(16), /Not a batch/],
    ['cut short', good().subarray(0, 200), /short|claim/],
    ['with bytes added', new Uint8Array([...good(), 1, 2, 3, 4, 5, 6, 7, 8]), /claim/],
  ])('says what is wrong with a buffer %s', (_name, bytes, message) => {
    expect(() => readBatch(bytes)).toThrow(BatchFormatError)
    expect(() => readBatch(bytes)).toThrow(message)
  })

  it('says when the header is not JSON', () => {
    const bytes = good()
    bytes[9] = 0x7b // "{" where '"' was
    expect(() => readBatch(bytes)).toThrow(/not JSON/)
  })
})
