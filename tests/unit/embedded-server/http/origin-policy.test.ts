import { describe, expect, it } from 'vitest'
import {
  createOriginPolicy,
  originProblem,
} from '../../../../embedded-server/http/origin-policy.ts'

describe('createOriginPolicy', () => {
  const accepts = createOriginPolicy(['https://staging.example.com'])

  it('accepts clients without an Origin, pages on this machine, the app and listed origins', () => {
    for (const origin of [
      undefined,
      'http://localhost:3000',
      'http://127.0.0.1:5173',
      'http://[::1]:8080',
      'https://localhost',
      'app://renderer',
      'https://staging.example.com',
      'HTTPS://STAGING.EXAMPLE.COM',
    ]) {
      expect(accepts(origin), String(origin)).toBe(true)
    }
  })

  it('refuses every other page, including look-alikes and opaque origins', () => {
    for (const origin of [
      'https://evil.example',
      'http://localhost.evil.example',
      'http://127.0.0.1.nip.io',
      'null',
      'https://staging.example.com.evil.example',
      'file://',
    ]) {
      expect(accepts(origin), origin).toBe(false)
    }
  })

  it('accepts any page with *', () => {
    expect(createOriginPolicy(['*'])('https://anything.example')).toBe(true)
  })
})

describe('originProblem', () => {
  it('takes exact origins or *, and says what is wrong with the rest', () => {
    expect(originProblem('https://staging.example.com')).toBeNull()
    expect(originProblem('http://localhost:3000')).toBeNull()
    expect(originProblem('*')).toBeNull()
    expect(originProblem('https://example.com/app')).toContain('not an origin')
    expect(originProblem('example.com')).toContain('not an origin')
    expect(originProblem('ftp://example.com')).toContain('not an origin')
  })
})
