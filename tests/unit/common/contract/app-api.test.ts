import { describe, expect, it } from 'vitest'
import { APP_API_METHODS, ApiError, appApiGuards } from '#common/contract/index.ts'

describe('APP_API_METHODS', () => {
  it('lists every method that has a guard, and nothing else', () => {
    expect([...APP_API_METHODS].sort()).toEqual(Object.keys(appApiGuards).sort())
    expect(APP_API_METHODS).toContain('getAppInfo')
  })

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(APP_API_METHODS)).toBe(true)
  })
})

describe('appApiGuards.getAppInfo', () => {
  it('accepts no arguments', () => {
    expect(appApiGuards.getAppInfo('getAppInfo', [])).toEqual([])
  })

  it('refuses arguments with INVALID_ARGUMENT naming the method', () => {
    const call = (): unknown => appApiGuards.getAppInfo('getAppInfo', [1])
    expect(call).toThrow(ApiError)
    expect(call).toThrow('getAppInfo() takes no arguments, got 1')
  })
})
