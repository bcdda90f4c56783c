import { ipcMain, type IpcMainEvent, type WebContents } from 'electron'
import { IPC_RPC_CHANNEL, type Transport } from '#common/rpc/index.ts'
import type { IpcGuard } from '../host/desktop/ipc-guard.ts'

/** The RPC transport to one window: one IPC channel, every incoming message past the guard. */
export function createIpcTransport(contents: WebContents, guard: IpcGuard): Transport {
  return {
    send(message) {
      if (!contents.isDestroyed()) contents.send(IPC_RPC_CHANNEL, message)
    },
    onMessage(listener) {
      const ipcOnMessage = (event: IpcMainEvent, message: unknown): void => {
        if (guard.accepts(event, message)) listener(message)
      }
      ipcMain.on(IPC_RPC_CHANNEL, ipcOnMessage)
      return () => ipcMain.off(IPC_RPC_CHANNEL, ipcOnMessage)
    },
    onClose(listener) {
      contents.once('destroyed', listener)
      return () => contents.off('destroyed', listener)
    },
  }
}
