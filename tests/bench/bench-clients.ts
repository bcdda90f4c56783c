import { createParser } from 'eventsource-parser'
import { WebSocket } from 'ws'

/** What a client measured: messages, payload bytes, seconds from first to last, sequence gaps. */
export interface ClientResult {
  messages: number
  bytes: number
  seconds: number
  /** Generator sequence numbers that never arrived, counted from the numbers read back. */
  lost: number
  /** Rows the app reported as skipped (sampling); never part of a lossless figure. */
  skipped: number
}

/** What the pipeline client measured; with recording on, also what the run holds, read back. */
export interface PipelineResult extends ClientResult {
  recorded?: number
  recordedLost?: number
  recordLagSeconds?: number
}

/**
 * The generator's sequence number from a payload's bytes: `{"seq":` then the digits, right-aligned
 * with spaces (see firehose-generator.ts), then a comma.
 */
export function seqOfBytes(bytes: Uint8Array): number {
  let seq = 0
  for (let i = 7; i < bytes.length; i++) {
    const byte = bytes[i]!
    if (byte === 0x2c) break // ","
    if (byte !== 0x20) seq = seq * 10 + byte - 0x30
  }
  return seq
}

/**
 * Counts messages and checks their sequence numbers: `lost` is how many of 1…count never came,
 * from the numbers read, whatever order they came in.
 */
export class SeqCheck {
  messages = 0
  bytes = 0
  #seen = new Uint8Array(0)

  add(payload: Uint8Array, size: number): void {
    this.addSeq(seqOfBytes(payload), size)
  }

  addSeq(seq: number, size: number): void {
    if (seq >= this.#seen.length) {
      const grown = new Uint8Array(Math.max(seq + 1, this.#seen.length * 2, 1024))
      grown.set(this.#seen)
      this.#seen = grown
    }
    this.#seen[seq] = 1
    this.messages++
    this.bytes += size
  }

  result(count: number): Omit<ClientResult, 'seconds' | 'skipped'> {
    let lost = 0
    for (let seq = 1; seq <= count; seq++) if (this.#seen[seq] !== 1) lost++
    return { messages: this.messages, bytes: this.bytes, lost }
  }
}

/** A bare `ws` client: reads the stream's sequence numbers from the message bytes. */
export function bareWebSocket(url: string, count: number): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false })
    const check = new SeqCheck()
    let first = 0
    socket.on('message', (data: Buffer) => {
      if (check.messages === 0) first = performance.now()
      check.add(data, data.length)
      if (check.messages === count) {
        const seconds = (performance.now() - first) / 1000
        socket.close()
        resolve({ ...check.result(count), seconds, skipped: 0 })
      }
    })
    socket.on('error', reject)
  })
}

/** A bare SSE client, fetch + eventsource-parser: reads the events' sequence numbers. */
export async function bareSse(url: string, count: number): Promise<ClientResult> {
  const response = await fetch(url)
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  const check = new SeqCheck()
  let first = 0
  const parser = createParser({
    onEvent({ data }) {
      if (check.messages === 0) first = performance.now()
      check.addSeq(Number(data.slice(7, data.indexOf(',', 7))), data.length)
    },
  })
  while (check.messages < count) {
    const { value, done } = await reader.read()
    if (done) break
    parser.feed(decoder.decode(value, { stream: true }))
  }
  const seconds = (performance.now() - first) / 1000
  await reader.cancel()
  return { ...check.result(count), seconds, skipped: 0 }
}
