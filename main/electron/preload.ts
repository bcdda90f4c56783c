import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { IPC_RPC_CHANNEL, PRELOAD_GLOBAL, type PreloadPort } from '#common/rpc/preload-port.ts'

// The renderer gets a port on one channel and nothing else: no ipcRenderer, no Node. It sends
// strings (calls); it receives strings, and bytes for batches of rows.
const port: PreloadPort = {
  rpc: {
    send(message) {
      if (typeof message === 'string') ipcRenderer.send(IPC_RPC_CHANNEL, message)
    },
    onMessage(listener) {
      const ipcOnMessage = (_event: IpcRendererEvent, message: unknown): void => {
        if (typeof message === 'string' || message instanceof Uint8Array) listener(message)
      }
      ipcRenderer.on(IPC_RPC_CHANNEL, ipcOnMessage)
      return () => {
        ipcRenderer.off(IPC_RPC_CHANNEL, ipcOnMessage)
      }
    },
  },
}

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, port)
