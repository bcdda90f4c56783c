import { createParser } from 'eventsource-parser'
import { WebSocket } from 'ws'

/** What a client measured: messages, payload bytes, seconds from first to last, sequence gaps. */
export interface ClientResult {
  messages: number
  bytes: number
  seconds: number
  /** Generator sequence numbers that never arrived (and were not reported as skipped). */
  lost: number
  skipped: number
}

/** What the pipeline client measured; with recording on, also what the run holds and its lag. */
export interface PipelineResult extends ClientResult {
  recorded?: number
  recordLagSeconds?: number
}

/** The generator's sequence number, read from the start of its JSON payload `{"seq":N,...`. */
export function seqOf(data: string): number {
  return Number(data.slice(7, data.indexOf(',', 7)))
}

/** The same, from the payload's bytes (spaces before the digits allowed, as JSON allows). */
export function seqOfBytes(bytes: Uint8Array): number {
  let seq = 0
  for (let i = 7; i < bytes.length; i++) {
    const byte = bytes[i]!
    if (byte === 0x2c) break // ","
    if (byte !== 0x20) seq = seq * 10 + byte - 0x30
  }
  return seq
}

/** A bare `ws` client: counts `/ws/stream` messages and checks their sequence. */
export function bareWebSocket(url: string, count: number): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false })
    let messages = 0
    let bytes = 0
    let lost = 0
    let expected = 1
    let first = 0
    socket.on('message', (data: Buffer) => {
      if (messages === 0) first = performance.now()
      messages++
      bytes += data.length
      const seq = seqOf(data.toString())
      if (seq !== expected) lost += seq - expected
      expected = seq + 1
      if (messages === count) {
        const seconds = (performance.now() - first) / 1000
        socket.close()
        resolve({ messages, bytes, seconds, lost, skipped: 0 })
      }
    })
    socket.on('error', reject)
  })
}

/** A bare SSE client, fetch + eventsource-parser: counts `/sse/stream` events and checks them. */
export async function bareSse(url: string, count: number): Promise<ClientResult> {
  const response = await fetch(url)
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  let messages = 0
  let bytes = 0
  let lost = 0
  let expected = 1
  let first = 0
  const parser = createParser({
    onEvent({ data }) {
      if (messages === 0) first = performance.now()
      messages++
      bytes += data.length
      const seq = seqOf(data)
      if (seq !== expected) lost += seq - expected
      expected = seq + 1
    },
  })
  while (messages < count) {
    const { value, done } = await reader.read()
    if (done) break
    parser.feed(decoder.decode(value, { stream: true }))
  }
  const seconds = (performance.now() - first) / 1000
  await reader.cancel()
  return { messages, bytes, seconds, lost: lost + (count - messages), skipped: 0 }
}
