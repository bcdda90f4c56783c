import type { Transport } from './transport.ts'

export interface InMemoryTransport extends Transport {
  /** Closes both ends: close listeners run, later messages are dropped. */
  close(): void
}

/**
 * Two connected transports in one process. Delivery is asynchronous (a microtask), as on every real
 * transport, so tests cannot come to rely on a synchronous answer.
 */
export function createInMemoryTransportPair(): [InMemoryTransport, InMemoryTransport] {
  const messageListeners = [
    new Set<(message: string | Uint8Array<ArrayBuffer>) => void>(),
    new Set<(message: string | Uint8Array<ArrayBuffer>) => void>(),
  ]
  const closeListeners = new Set<() => void>()
  let open = true

  function close(): void {
    if (!open) return
    open = false
    for (const listener of closeListeners) listener()
    closeListeners.clear()
  }

  function end(own: 0 | 1): InMemoryTransport {
    const peer = messageListeners[1 - own]!
    return {
      send(message) {
        if (!open) return
        void Promise.resolve().then(() => {
          if (open) for (const listener of peer) listener(message)
        })
      },
      onMessage(listener) {
        messageListeners[own]!.add(listener)
        return () => messageListeners[own]!.delete(listener)
      },
      onClose(listener) {
        closeListeners.add(listener)
        return () => closeListeners.delete(listener)
      },
      close,
    }
  }

  return [end(0), end(1)]
}
