import type { EventEmitter } from 'node:events'

/**
 * Resolves on the stream's next 'drain', or when it (or `alsoEndsOn`) closes first. Both listeners
 * go away whichever fires, so waiting in a loop leaks nothing.
 */
export function drainOrClose(
  stream: EventEmitter,
  alsoEndsOn: EventEmitter = stream,
): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done)
      alsoEndsOn.off('close', done)
      resolve()
    }
    stream.on('drain', done)
    alsoEndsOn.on('close', done)
  })
}
