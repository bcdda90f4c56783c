import type { Transport } from './transport.ts'

/** The one IPC channel every RPC message travels on in the Electron shell. */
export const IPC_RPC_CHANNEL = 'realtime-playground:rpc'

/** The name under which the preload exposes its port to the renderer's main world. */
export const PRELOAD_GLOBAL = 'realtimePlayground'

/** What the preload exposes: a transport and nothing else. */
export interface PreloadPort {
  rpc: Pick<Transport, 'send' | 'onMessage'>
}
