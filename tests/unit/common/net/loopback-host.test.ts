import { describe, expect, it } from 'vitest'
import { allowedHosts, isAllowedHost, isAllowedOrigin } from '#common/net/loopback-host.ts'

describe('isAllowedHost', () => {
  const hosts = allowedHosts(5170)

  it.each(['127.0.0.1:5170', 'localhost:5170', 'LOCALHOST:5170', '[::1]:5170'])(
    'accepts %s',
    (host) => {
      expect(isAllowedHost(host, hosts)).toBe(true)
    },
  )

  it.each([
    ['a rebinding name', 'evil.example:5170'],
    ['a loopback name on another port', 'localhost:5171'],
    ['a loopback name without the port', 'localhost'],
    ['a subdomain of localhost', 'app.localhost:5170'],
    ['no Host at all', undefined],
  ])('refuses %s', (_case, host) => {
    expect(isAllowedHost(host, hosts)).toBe(false)
  })

  it('accepts a bare name on port 80, where browsers leave the port out', () => {
    expect(isAllowedHost('localhost', allowedHosts(80))).toBe(true)
  })

  it('accepts a host the server was explicitly bound to', () => {
    expect(isAllowedHost('192.168.1.20:5170', allowedHosts(5170, '192.168.1.20'))).toBe(true)
    expect(isAllowedHost('[fd00::1]:5170', allowedHosts(5170, 'fd00::1'))).toBe(true)
  })
})

describe('isAllowedOrigin', () => {
  const hosts = allowedHosts(5170)

  it('accepts the server’s own origin under any loopback name', () => {
    expect(isAllowedOrigin('http://127.0.0.1:5170', hosts)).toBe(true)
    expect(isAllowedOrigin('http://localhost:5170', hosts)).toBe(true)
  })

  it.each([
    ['another site', 'https://evil.example'],
    ['another local port', 'http://127.0.0.1:3000'],
    ['https on the same host', 'https://127.0.0.1:5170'],
    ['an opaque origin', 'null'],
    ['no Origin', undefined],
  ])('refuses %s', (_case, origin) => {
    expect(isAllowedOrigin(origin, hosts)).toBe(false)
  })
})
