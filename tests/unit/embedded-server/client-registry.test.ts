import { describe, expect, it, vi } from 'vitest'
import { createClientRegistry } from '../../../embedded-server/client-registry.ts'

const client = (endpoint: string) => ({ endpoint, remoteAddress: '127.0.0.1' })
const handle = () => ({ close: vi.fn(), terminate: vi.fn() })

describe('createClientRegistry', () => {
  it('counts clients per endpoint and refuses past the cap', () => {
    const registry = createClientRegistry(2, () => {})
    expect(registry.admit(client('/a'), handle())).toBeTypeOf('function')
    expect(registry.admit(client('/a'), handle())).toBeTypeOf('function')
    expect(registry.isFull()).toBe(true)
    expect(registry.admit(client('/b'), handle())).toBeNull()
    expect(registry.counts()).toEqual({ '/a': 2 })
  })

  it('reports each client once in and once out, however often it is released', () => {
    const changes: string[] = []
    const registry = createClientRegistry(5, (change, { endpoint }) =>
      changes.push(`${change} ${endpoint}`),
    )
    const release = registry.admit(client('/a'), handle())!
    release()
    release()
    expect(changes).toEqual(['client-connected /a', 'client-disconnected /a'])
    expect(registry.total()).toBe(0)
  })

  it('closes every client, terminates those that linger, and resolves when none are left', async () => {
    const registry = createClientRegistry(5, () => {})
    const polite = handle()
    const stubborn = handle()
    const releasePolite = registry.admit(client('/a'), polite)!
    const releaseStubborn = registry.admit(client('/b'), stubborn)!
    polite.close.mockImplementation(() => releasePolite())
    stubborn.terminate.mockImplementation(() => releaseStubborn())

    await registry.closeAll(10)
    expect(polite.close).toHaveBeenCalled()
    expect(polite.terminate).not.toHaveBeenCalled()
    expect(stubborn.terminate).toHaveBeenCalled()
    expect(registry.total()).toBe(0)
  })
})
