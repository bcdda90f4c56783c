/**
 * What the RPC core needs from a channel: send a string or bytes, receive them. Call ids, timeouts
 * and errors live in the core, so a transport stays a thin adapter (an in-memory pair, a
 * WebSocket, Electron IPC through the preload port).
 */
export interface Transport {
  /** Sends one message: JSON text, or a binary frame. A transport that has closed drops it. */
  send(message: string | Uint8Array<ArrayBuffer>): void
  /**
   * Adds a listener for incoming messages; returns the function that removes it. A transport
   * passes on what arrived as is (a WebSocket's binary frame too): the RPC core checks it.
   */
  onMessage(listener: (message: unknown) => void): () => void
  /** Adds a listener for the end of the channel, where the transport can tell; returns its remover. */
  onClose?(listener: () => void): () => void
}
