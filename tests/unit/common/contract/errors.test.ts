import { describe, expect, it } from 'vitest'
import { ApiError, isApiErrorData } from '#common/contract/index.ts'

describe('ApiError', () => {
  it('round-trips through its plain-data form', () => {
    const error = new ApiError('TIMEOUT', 'getAppInfo() got no answer within 5 ms')
    const copy = ApiError.fromData(JSON.parse(JSON.stringify(error.toData())) as never)
    expect(copy).toBeInstanceOf(ApiError)
    expect(copy.code).toBe('TIMEOUT')
    expect(copy.message).toBe(error.message)
  })
})

describe('isApiErrorData', () => {
  it('accepts a known code with a message', () => {
    expect(isApiErrorData({ code: 'INTERNAL', message: 'x' })).toBe(true)
  })

  it('refuses unknown codes and missing messages', () => {
    expect(isApiErrorData({ code: 'NOPE', message: 'x' })).toBe(false)
    expect(isApiErrorData({ code: 'INTERNAL' })).toBe(false)
    expect(isApiErrorData(null)).toBe(false)
  })
})
