import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseHar } from '../../../main/sessions/har-import.ts'

const capture = readFileSync(join(import.meta.dirname, '../../fixtures/har/ws-echo.har'), 'utf8')

describe('parseHar', () => {
  it('turns a captured WebSocket entry into a session with one run of its messages', () => {
    const [session, ...others] = parseHar(capture)
    expect(others).toEqual([])
    expect(session!.name).toBe('localhost:8080/ws/echo (HAR)')
    expect(session!.draft.url).toBe('ws://localhost:8080/ws/echo')
    // Headers the browser sets on every handshake are not settings.
    const names = session!.draft.headers.map((header) => header.name.toLowerCase())
    expect(names).not.toContain('sec-websocket-key')
    expect(names).toContain('user-agent')
    const [run] = session!.runs
    const messages = run!.events.filter((event) => event.type === 'message')
    expect(
      messages.map((event) => [event.direction, event.kind, event.data ?? event.base64]),
    ).toEqual([
      ['out', 'text', 'hello from the HAR capture'],
      ['out', 'text', '{"type":"subscribe","channel":"prices"}'],
      ['out', 'binary', '3q2+7w=='],
      ['in', 'text', 'hello from the HAR capture'],
      ['in', 'text', '{"type":"subscribe","channel":"prices"}'],
      ['in', 'binary', '3q2+7w=='],
    ])
    expect(run!.events[1]).toMatchObject({ type: 'open', handshake: { status: 101 } })
    expect(run!.events.map((event) => event.seq)).toEqual(run!.events.map((_, index) => index + 1))
  })

  it('says where a HAR file is wrong', () => {
    const har = JSON.parse(capture) as {
      log: { entries: { _webSocketMessages: { type: string }[] }[] }
    }
    har.log.entries[0]!._webSocketMessages[3]!.type = 'sideways'
    expect(() => parseHar(JSON.stringify(har))).toThrow(
      'log.entries[0]._webSocketMessages[3].type must be "send" or "receive"',
    )
    expect(() => parseHar('{"log": {"entries": [{"request": {}}]}}')).toThrow(
      'has no WebSocket entries',
    )
    expect(() => parseHar('{"log": ')).toThrow(
      expect.objectContaining({
        code: 'INVALID_IMPORT',
        message: expect.stringContaining('not valid JSON'),
      }),
    )
    expect(() => parseHar('[]')).toThrow('This is not a HAR file')
  })
})
