import { createParser, type EventSourceMessage } from 'eventsource-parser'
import { describe, expect, it } from 'vitest'
import {
  createTrickySseFormatter,
  formatSseComment,
  formatSseEvent,
  type SseEvent,
} from '../../../../embedded-server/sse/sse-format.ts'

function parse(chunks: readonly string[]): { events: EventSourceMessage[]; comments: string[] } {
  const events: EventSourceMessage[] = []
  const comments: string[] = []
  const parser = createParser({
    onEvent: (event) => events.push(event),
    onComment: (comment) => comments.push(comment),
  })
  for (const chunk of chunks) parser.feed(chunk)
  return { events, comments }
}

const SAMPLE: SseEvent[] = [
  { data: 'plain' },
  { event: 'tick', id: '7', data: 'two\nlines' },
  { data: '' },
  { event: 'tock', id: '8', data: '{"json":true}' },
]

describe('formatSseEvent', () => {
  it('writes each line of data as its own data field and ends with a blank line', () => {
    expect(formatSseEvent({ event: 'e', id: '1', retry: 500, data: 'a\nb' })).toBe(
      'event: e\nid: 1\nretry: 500\ndata: a\ndata: b\n\n',
    )
  })
})

describe('formatSseComment', () => {
  it('writes a comment line that parsers report as a comment', () => {
    expect(parse([formatSseComment('hi')]).comments).toEqual(['hi'])
  })
})

describe('createTrickySseFormatter', () => {
  function trickyStream(): string {
    const tricky = createTrickySseFormatter()
    return (
      tricky.preamble() +
      SAMPLE.map((event) => tricky.event(event)).join('') +
      tricky.comment('heartbeat')
    )
  }

  it('starts with a BOM and mixes CR, LF and CRLF line ends', () => {
    const text = trickyStream()
    expect(text.startsWith('\uFEFF')).toBe(true)
    expect(text).toMatch(/[^\r]\n/)
    expect(text).toMatch(/\r[^\n]/)
    expect(text).toContain('\r\n')
    expect(text).toContain('\u0000')
  })

  it('parses to exactly the plain events after its multi-line "tricky" event', () => {
    const { events } = parse([trickyStream().slice(1)]) // a decoder strips the BOM
    expect(events[0]).toEqual({
      event: 'tricky',
      id: undefined,
      data: 'first line\n\nthird line, after an empty one',
    })
    expect(events.slice(1)).toEqual(parse([SAMPLE.map(formatSseEvent).join('')]).events)
  })

  it('parses the same when split at every byte', () => {
    const text = trickyStream().slice(1)
    expect(parse([...text]).events).toEqual(parse([text]).events)
  })
})
