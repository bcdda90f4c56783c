import { ipcMain, type IpcMainEvent, type WebContents, type WebFrameMain } from 'electron'
import { IPC_RPC_CHANNEL, type Transport } from '#common/rpc/index.ts'

/**
 * The RPC transport to one window: one IPC channel, and every incoming message checked to come
 * from that window's top frame at a trusted URL before the RPC core sees it.
 */
export function createIpcTransport(
  contents: WebContents,
  isTrustedUrl: (url: string) => boolean,
): Transport {
  function isTrustedSender(event: IpcMainEvent): boolean {
    const frame: WebFrameMain | null = event.senderFrame
    return (
      event.sender === contents &&
      frame !== null &&
      frame.parent === null &&
      isTrustedUrl(frame.url)
    )
  }

  return {
    send(message) {
      if (!contents.isDestroyed()) contents.send(IPC_RPC_CHANNEL, message)
    },
    onMessage(listener) {
      const ipcOnMessage = (event: IpcMainEvent, message: unknown): void => {
        if (typeof message === 'string' && isTrustedSender(event)) listener(message)
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
