import type { Readable } from 'node:stream'

/**
 * The first `maxBytes` of a response body as text, for error messages: whatever has arrived
 * within `waitMs`, whitespace collapsed.
 */
export function readBodyStart(body: Readable, maxBytes: number, waitMs: number): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    const finish = (): void => {
      clearTimeout(timer)
      body.off('data', onData)
      body.off('end', finish)
      body.off('error', finish)
      body.destroy()
      resolve(
        summarize(Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8'), maxBytes, size),
      )
    }
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk)
      size += chunk.length
      if (size >= maxBytes) finish()
    }
    const timer = setTimeout(finish, waitMs)
    body.on('data', onData)
    body.once('end', finish)
    body.once('error', finish)
  })
}

/** Body text fit for one line of an error message. */
export function summarize(text: string, maxBytes: number, totalBytes: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim()
  return totalBytes > maxBytes ? `${oneLine}…` : oneLine
}
