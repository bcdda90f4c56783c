/** The facts about an IPC message's sender that Electron hands the main process. */
export interface IpcSender {
  /** The web contents that sent the message. */
  sender: unknown
  /** The frame that sent it; null once that frame navigated away or was destroyed. */
  senderFrame: { url: string; parent: unknown } | null
}

export interface IpcGuard {
  /** True when `message` may reach the RPC core; anything else is dropped and counted. */
  accepts(event: IpcSender, message: unknown): message is string
  /** How many messages were dropped so far. */
  readonly dropped: number
}

/**
 * Decides which IPC messages reach the RPC core: strings from the window's own web contents, sent
 * by its top frame while that frame shows the app's own page. A subframe, another window, a frame
 * that navigated elsewhere, or a non-string payload is dropped and counted in the debug log.
 */
export function createIpcGuard(options: {
  /** The window's web contents, compared by identity with each message's sender. */
  contents: unknown
  isAppUrl: (url: string) => boolean
  log: (message: string) => void
}): IpcGuard {
  let dropped = 0

  function whyNot(event: IpcSender, message: unknown): string | null {
    if (typeof message !== 'string') return `a payload that is not a string (${typeof message})`
    if (event.sender !== options.contents) return 'sent by a web contents other than the app window'
    const frame = event.senderFrame
    if (frame === null) return 'its frame is gone or navigated away'
    if (frame.parent !== null) return `sent by a subframe at ${frame.url}`
    if (!options.isAppUrl(frame.url)) return `sent by a frame at ${frame.url}`
    return null
  }

  return {
    accepts(event, message): message is string {
      const reason = whyNot(event, message)
      if (reason === null) return true
      dropped += 1
      options.log(`dropped an IPC message: ${reason} (${dropped} dropped so far)`)
      return false
    },
    get dropped() {
      return dropped
    },
  }
}
