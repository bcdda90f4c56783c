import { describe, expect, it } from 'vitest'
import type { MessageEvent } from '#common/contract/index.ts'
import { PathSyntaxError } from '#common/compare/index.ts'
import {
  assembledPace,
  TextAssembler,
} from '../../../../../renderer/features/message-log/text-assembler.ts'

const event = (seq: number, data: string, direction: 'in' | 'out' = 'in'): MessageEvent => ({
  type: 'message',
  seq,
  ts: 1000 + seq * 250,
  direction,
  kind: 'sse-event',
  size: data.length,
  data,
})
const chunk = (seq: number, content?: string) =>
  event(
    seq,
    JSON.stringify({
      choices: [{ delta: content === undefined ? { role: 'assistant' } : { content } }],
    }),
  )

describe('TextAssembler', () => {
  it('puts an OpenAI-style stream back together, skipping what has no text', () => {
    const assembler = new TextAssembler('$.choices[0].delta.content')
    for (const row of [
      chunk(1),
      chunk(2, 'Hel'),
      chunk(3, 'lo'),
      chunk(4, ', world'),
      event(5, '[DONE]'),
    ])
      assembler.take(row)
    expect(assembler.result).toMatchObject({ text: 'Hello, world', pieces: 3 })
    expect(assembledPace(assembler.result)).toBe('3 tokens, 6.0 a second over 0.5 s')
  })

  it('takes a payload whole with @data, and only what was received', () => {
    const assembler = new TextAssembler('@data')
    for (const row of [event(1, 'a'), event(2, 'sent', 'out'), event(3, 'b')]) assembler.take(row)
    expect(assembler.result.text).toBe('ab')
  })

  it('says what is wrong with a path', () => {
    expect(() => new TextAssembler('choices')).toThrow(PathSyntaxError)
  })
})
