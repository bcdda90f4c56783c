/**
 * Makes segments of log memory ready off the page's thread (see segment-supply.ts): told a count,
 * answers with that many segments, every page written to, transferred.
 */
import { touchedSegments } from './segment-supply.ts'

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<number>) => void) | null
  postMessage(message: unknown, transfer: Transferable[]): void
}

scope.onmessage = ({ data: count }) => {
  const segments = touchedSegments(count)
  scope.postMessage(segments, segments)
}
