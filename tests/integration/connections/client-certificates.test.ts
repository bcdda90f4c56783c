import { afterEach, describe, expect, it } from 'vitest'
import { ConnectionHarness, isType } from '../../support/connection-harness.ts'
import {
  CLIENT_TLS_FIXTURE,
  clientNameOf,
  startHttpTestServer,
  startWsTestServer,
  TLS_FIXTURE,
  type TestServer,
} from '../../support/test-servers.ts'

/**
 * Mutual TLS, against servers that ask for a client certificate and accept only the fixture's,
 * and whose own certificate is trusted through the connection's custom CA.
 */
let harness: ConnectionHarness
const servers: TestServer[] = []

afterEach(async () => {
  harness.close()
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

function connect(request: Parameters<ConnectionHarness['manager']['connect']>[0]) {
  harness = new ConnectionHarness()
  return harness.manager.connect(request).id
}

async function wsServerGreetingClients(): Promise<string> {
  const server = await startWsTestServer(
    (socket, request) => socket.send(`hello ${clientNameOf(request) ?? 'stranger'}`),
    { tls: 'mutual' },
  )
  servers.push(server)
  return server.url
}

describe('client certificates and a custom CA', () => {
  it('opens a WebSocket with a PEM certificate and key, the server trusted by its CA', async () => {
    const url = await wsServerGreetingClients()
    const id = connect({
      url,
      tls: { ca: TLS_FIXTURE.cert, cert: CLIENT_TLS_FIXTURE.cert, key: CLIENT_TLS_FIXTURE.key },
    })
    const message = await harness.waitForEvent(id, isType('message'))
    expect(message.data).toBe('hello test-client')
  })

  it('opens one with a PKCS#12 bundle and its passphrase', async () => {
    const url = await wsServerGreetingClients()
    const id = connect({
      url,
      tls: {
        ca: TLS_FIXTURE.cert,
        pfx: CLIENT_TLS_FIXTURE.pfx,
        passphrase: CLIENT_TLS_FIXTURE.passphrase,
      },
    })
    expect((await harness.waitForEvent(id, isType('message'))).data).toBe('hello test-client')
  })

  it('says so when the server wants a certificate and none was given', async () => {
    const url = await wsServerGreetingClients()
    const id = connect({ url, tls: { ca: TLS_FIXTURE.cert } })
    const error = await harness.waitForEvent(id, isType('error'))
    expect(error.type === 'error' && error.message).toMatch(/client certificate/i)
    await harness.waitForState(id, 'closed')
  })

  it('says so when the bundle’s passphrase is wrong, and the app goes on', async () => {
    const url = await wsServerGreetingClients()
    const id = connect({
      url,
      tls: { ca: TLS_FIXTURE.cert, pfx: CLIENT_TLS_FIXTURE.pfx, passphrase: 'wrong' },
    })
    const error = await harness.waitForEvent(id, isType('error'))
    expect(error).toMatchObject({ code: 'TLS_FAILED' })
    expect(error.type === 'error' && error.message).toMatch(/client certificate.*passphrase/i)
    await harness.waitForState(id, 'closed')
  })

  it('streams SSE over mutual TLS', async () => {
    const server = await startHttpTestServer(
      (request, response) => {
        response.writeHead(200, { 'Content-Type': 'text/event-stream' })
        response.end(`data: hello ${clientNameOf(request) ?? 'stranger'}\n\n`)
      },
      { tls: 'mutual' },
    )
    servers.push(server)
    const id = connect({
      url: server.url,
      sse: { reconnect: false },
      tls: {
        ca: TLS_FIXTURE.cert,
        pfx: CLIENT_TLS_FIXTURE.pfx,
        passphrase: CLIENT_TLS_FIXTURE.passphrase,
      },
    })
    expect((await harness.waitForEvent(id, isType('message'))).data).toBe('hello test-client')
  })
})
