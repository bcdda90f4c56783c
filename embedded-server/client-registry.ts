import type { DemoClient } from '#common/contract/demo-server.ts'

export interface ClientHandle {
  /** Ends the client cleanly (a close frame, the end of an SSE body). */
  close(): void
  /** Drops the client at once, for those that do not leave when asked. */
  terminate(): void
}

export type ClientChange = 'client-connected' | 'client-disconnected'

/**
 * Every streaming client of the demo server (SSE responses and WebSockets): counts per endpoint,
 * the connection cap, and closing them all on shutdown.
 */
export interface ClientRegistry {
  /** Registers a client; null when the server is at its connection cap. The result releases it. */
  admit(client: DemoClient, handle: ClientHandle): (() => void) | null
  isFull(): boolean
  counts(): Record<string, number>
  total(): number
  /** Asks every client to close, terminates those still there after `graceMs`, resolves when none are left. */
  closeAll(graceMs: number): Promise<void>
}

export function createClientRegistry(
  maxClients: number,
  onChange: (change: ClientChange, client: DemoClient) => void,
): ClientRegistry {
  const clients = new Map<symbol, { client: DemoClient; handle: ClientHandle }>()
  let onEmpty: (() => void) | null = null

  return {
    admit(client, handle) {
      if (clients.size >= maxClients) return null
      const key = Symbol(client.endpoint)
      clients.set(key, { client, handle })
      onChange('client-connected', client)
      return () => {
        if (!clients.delete(key)) return
        onChange('client-disconnected', client)
        if (clients.size === 0) onEmpty?.()
      }
    },
    isFull: () => clients.size >= maxClients,
    counts() {
      const counts: Record<string, number> = {}
      for (const { client } of clients.values())
        counts[client.endpoint] = (counts[client.endpoint] ?? 0) + 1
      return counts
    },
    total: () => clients.size,
    async closeAll(graceMs) {
      if (clients.size === 0) return
      const empty = new Promise<void>((resolve) => (onEmpty = resolve))
      for (const { handle } of [...clients.values()]) handle.close()
      const timer = setTimeout(() => {
        for (const { handle } of [...clients.values()]) handle.terminate()
      }, graceMs)
      await empty
      clearTimeout(timer)
    },
  }
}
