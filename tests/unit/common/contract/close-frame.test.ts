import { describe, expect, it } from 'vitest'
import { checkCloseFrame } from '#common/contract/close-frame.ts'

describe('checkCloseFrame', () => {
  it.each([1000, 1001, 1003, 1011, 1014, 3000, 4999])('allows %i', (code) => {
    expect(() => checkCloseFrame(code, 'ok')).not.toThrow()
  })

  it.each([999, 1004, 1005, 1006, 1015, 1016, 2999, 5000])('refuses %i', (code) => {
    expect(() => checkCloseFrame(code, undefined)).toThrow(`Close code ${code} cannot be sent`)
  })

  it('counts the reason in UTF-8 bytes', () => {
    expect(() => checkCloseFrame(1000, 'é'.repeat(61))).not.toThrow()
    expect(() => checkCloseFrame(1000, 'é'.repeat(62))).toThrow('The close reason is 124 bytes')
  })

  it('needs a code for a reason', () => {
    expect(() => checkCloseFrame(undefined, 'why')).toThrow('A close reason needs a close code')
  })
})
