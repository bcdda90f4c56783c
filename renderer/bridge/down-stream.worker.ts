/**
 * Reads the down stream off the page's thread: the stream's chunks are reassembled here, and the
 * page gets each whole message in one task (bytes transferred, not copied), whatever it is busy
 * drawing. Posts `{ message }` for each, then `{ ended: true }`.
 */
import { readDownStream } from './down-stream.ts'

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<string>) => void) | null
  postMessage(message: unknown, transfer?: Transferable[]): void
}

scope.onmessage = (event) => {
  void readDownStream(event.data, (message) =>
    scope.postMessage({ message }, typeof message === 'string' ? [] : [message.buffer]),
  ).then(() => scope.postMessage({ ended: true }))
}
