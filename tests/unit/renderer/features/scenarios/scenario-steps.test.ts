import { describe, expect, it } from 'vitest'
import type { MessageEvent } from '#common/contract/index.ts'
import {
  capturedNames,
  expectationFor,
  newCondition,
  newStep,
} from '../../../../../renderer/features/scenarios/scenario-steps.ts'

const message = (fields: Partial<MessageEvent>): MessageEvent => ({
  type: 'message',
  seq: 1,
  ts: 0,
  direction: 'in',
  kind: 'text',
  size: fields.data?.length ?? 0,
  ...fields,
})

describe('expectationFor', () => {
  it('picks a telling JSON field first', () => {
    expect(expectationFor(message({ data: '{"id": 7, "type": "pong"}' }))).toMatchObject({
      type: 'expect',
      condition: { kind: 'json-equals', path: '$.type', value: '"pong"' },
    })
    expect(expectationFor(message({ data: '{"nested": {}, "my key": 3}' })).condition).toEqual({
      kind: 'json-equals',
      path: "$['my key']",
      value: '3',
    })
  })

  it('uses the SSE event name, a binary length, or the start of the text', () => {
    expect(
      expectationFor(message({ kind: 'sse-event', event: 'token', data: '{}' })).condition,
    ).toEqual({ kind: 'event-name', name: 'token' })
    expect(
      expectationFor(message({ kind: 'binary', size: 4, base64: '3q2+7w==' })).condition,
    ).toEqual({ kind: 'binary-length', length: 4 })
    expect(expectationFor(message({ data: 'hello there' })).condition).toEqual({
      kind: 'text-contains',
      text: 'hello there',
    })
  })
})

describe('newCondition', () => {
  it('keeps the path and the text across kinds', () => {
    expect(newCondition('json-exists', { kind: 'json-equals', path: '$.a', value: '1' })).toEqual({
      kind: 'json-exists',
      path: '$.a',
    })
    expect(newCondition('text-matches', { kind: 'text-contains', text: 'abc' })).toEqual({
      kind: 'text-matches',
      pattern: 'abc',
    })
  })
})

describe('capturedNames', () => {
  it('finds captures inside repeats', () => {
    const repeat = newStep('repeat')
    if (repeat.type !== 'repeat') throw new Error('not a repeat')
    repeat.steps.push({
      type: 'expect',
      condition: { kind: 'any' },
      withinMs: 1,
      capture: { variable: 'inner', path: '$.id' },
    })
    expect(
      capturedNames([
        {
          type: 'expect',
          condition: { kind: 'any' },
          withinMs: 1,
          capture: { variable: 'a', path: '$' },
        },
        repeat,
      ]),
    ).toEqual(['a', 'inner'])
  })
})
