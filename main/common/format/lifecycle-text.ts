/**
 * How connects and reconnects are named wherever they are shown (the log view, `connect`'s
 * output): numbered from the first connect of the connection, for both protocols.
 */
export function connectingText(attempt: number, url: string): string {
  return `Connecting to ${url}${attempt > 1 ? ` (connect ${attempt})` : ''}`
}

export function reconnectingText(
  attempt: number,
  delayMs: number | null,
  lastEventId: string | null,
): string {
  const when = delayMs === null ? 'soon' : `in ${delayMs} ms`
  return `Reconnect ${attempt} ${when}${lastEventId ? `, with Last-Event-ID ${lastEventId}` : ''}`
}
