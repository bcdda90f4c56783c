import type { Readable } from 'node:stream'

/** How much of a refused handshake's body is kept (shown whole in the Handshake tab). */
export const REFUSED_BODY_BYTES = 64 * 1024
/** How long to wait for that body: a server may answer 401 and never end its response. */
export const REFUSED_BODY_WAIT_MS = 500
/** How much of it an error sentence quotes, on one line. */
const QUOTED_BYTES = 512

/** The start of a response body: what arrived within the wait, up to the limit. */
export interface BodyStart {
  text: string
  truncated: boolean
}

/** The first `maxBytes` of a Node response body, whatever has arrived within `waitMs`. */
export function readBodyStart(
  body: Readable,
  maxBytes: number,
  waitMs: number,
): Promise<BodyStart> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    const finish = (): void => {
      clearTimeout(timer)
      body.off('data', onData)
      body.off('end', finish)
      body.off('error', finish)
      body.destroy()
      resolve(startOf(Buffer.concat(chunks), maxBytes, size))
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

/** The first `maxBytes` of a fetch response's body, whatever has arrived within `waitMs`. */
export async function readResponseStart(
  response: { body: { getReader(): ReadableStreamDefaultReader<Uint8Array> } | null },
  maxBytes: number,
  waitMs: number,
): Promise<BodyStart> {
  const reader = response.body?.getReader()
  if (!reader) return { text: '', truncated: false }
  const chunks: Uint8Array[] = []
  let size = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeUp = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), waitMs)))
  try {
    while (size < maxBytes) {
      const next = await Promise.race([reader.read(), timeUp])
      if (next === null || next.done) break
      chunks.push(next.value)
      size += next.value.length
    }
  } catch {
    // What arrived before the error is what there is.
  } finally {
    clearTimeout(timer)
    await reader.cancel().catch(() => {})
  }
  return startOf(Buffer.concat(chunks), maxBytes, size)
}

function startOf(bytes: Buffer, maxBytes: number, size: number): BodyStart {
  return { text: bytes.subarray(0, maxBytes).toString('utf8'), truncated: size > maxBytes }
}

/** A body's start fit for one line of an error message. */
export function quoteBody({ text, truncated }: BodyStart): string {
  const oneLine = text.slice(0, QUOTED_BYTES).replace(/\s+/g, ' ').trim()
  return truncated || text.length > QUOTED_BYTES ? `${oneLine}…` : oneLine
}
