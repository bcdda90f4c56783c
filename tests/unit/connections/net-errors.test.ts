import { describe, expect, it } from 'vitest'
import { describeNetworkError } from '../../../main/connections/net-errors.ts'

/** An error as Node's TLS raises it, inside fetch's TypeError the way undici wraps it. */
function tlsError(code: string, message: string): Error {
  const cause = Object.assign(new Error(message), { code })
  return new TypeError('fetch failed', { cause })
}

describe('describeNetworkError, for certificates', () => {
  it('says what is wrong in the app’s words, without Node’s advice about its flags', () => {
    const failure = describeNetworkError(
      tlsError(
        'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
        'unable to get local issuer certificate; if the root CA is installed locally, try running Node.js with --use-system-ca',
      ),
      new URL('https://api.example:8443/events'),
    )
    expect(failure.code).toBe('TLS_CERT_INVALID')
    expect(failure.message).toBe(
      'The TLS certificate of api.example:8443 was not accepted: its issuer is not a certificate authority this app trusts (unable to get local issuer certificate). To connect anyway, turn off “Verify TLS certificates” in this connection’s Settings (for a test server only)',
    )
  })

  it('names an expired certificate and one for another host', () => {
    const url = new URL('wss://api.example/ws')
    expect(
      describeNetworkError(tlsError('CERT_HAS_EXPIRED', 'certificate has expired'), url).message,
    ).toContain('it has expired (certificate has expired)')
    expect(
      describeNetworkError(
        tlsError(
          'ERR_TLS_CERT_ALTNAME_INVALID',
          "Hostname/IP does not match certificate's altnames",
        ),
        url,
      ).message,
    ).toContain('it was issued for another host name')
  })
})
