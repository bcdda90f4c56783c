import { describe, expect, it } from 'vitest'
import { connectingText, reconnectingText } from '#common/format/lifecycle-text.ts'

describe('connectingText', () => {
  it('numbers connects after the first', () => {
    expect(connectingText(1, 'ws://h/')).toBe('Connecting to ws://h/')
    expect(connectingText(3, 'ws://h/')).toBe('Connecting to ws://h/ (connect 3)')
  })
})

describe('reconnectingText', () => {
  it('says which reconnect, when, and with which Last-Event-ID', () => {
    expect(reconnectingText(2, 3000, '9')).toBe('Reconnect 2 in 3000 ms, with Last-Event-ID 9')
    expect(reconnectingText(1, null, null)).toBe('Reconnect 1 soon')
  })
})
