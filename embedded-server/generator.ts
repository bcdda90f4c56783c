import { setImmediate as yieldToIo, setTimeout as sleep } from 'node:timers/promises'
import { systemWallClock } from '#common/time/wall-clock.ts'

export interface GeneratorOptions {
  /** Messages per second; 0 sends as fast as the sink drains. */
  rate: number
  /** Total messages; Infinity for a stream that never ends. */
  count: number
  /** The first sequence number (1, or one past a resumed Last-Event-ID). */
  firstSeq: number
  /** The most messages in one batch, so the event loop stays responsive. */
  maxBatch?: number
  /** Bytes of one message: a batch stays within `MAX_BATCH_BYTES`, whatever the size asked for. */
  messageBytes?: number
}

/**
 * The most bytes one batch may build. 2,000 messages of 1 MiB would be a 2 GB string, past what V8
 * can hold (`RangeError: Invalid string length`): one request could end the process.
 */
export const MAX_BATCH_BYTES = 4 * 1024 * 1024

export interface GeneratorSink {
  /** Sends messages `firstSeq .. firstSeq + n - 1` at once; false asks the generator to wait for drain. */
  emit(firstSeq: number, n: number): boolean
  /** How many more messages the sink takes before it closes (closeAfter), or Infinity. */
  remaining(): number
  drained(): Promise<void>
  isClosed(): boolean
}

/**
 * Paces a generator: sends what is due since the start in one batch per wake-up, so timer jitter
 * costs no messages and a high rate costs one write per batch, not one per message.
 */
export async function runGenerator(options: GeneratorOptions, sink: GeneratorSink): Promise<void> {
  const { rate, count, firstSeq, messageBytes = 1 } = options
  const maxBatch = Math.max(
    1,
    Math.min(options.maxBatch ?? 2_000, Math.floor(MAX_BATCH_BYTES / Math.max(1, messageBytes))),
  )
  const start = performance.now()
  let sent = 0
  while (sent < count && !sink.isClosed()) {
    const dueByClock =
      rate === 0 ? maxBatch : Math.floor(((performance.now() - start) * rate) / 1000) + 1 - sent
    const n = Math.min(dueByClock, maxBatch, count - sent, sink.remaining())
    if (n <= 0) {
      if (sink.remaining() <= 0) return
      const nextAt = start + ((sent + 1) * 1000) / rate
      await sleep(Math.max(0, nextAt - performance.now()))
      continue
    }
    const canContinue = sink.emit(firstSeq + sent, n)
    sent += n
    if (!canContinue) await sink.drained()
    else await yieldToIo()
  }
}

/** Text payload of generated message `seq`: JSON padded to `size` bytes (never below its skeleton). */
export function textPayload(seq: number, size: number, now = systemWallClock()): string {
  const skeleton = `{"seq":${seq},"ts":${now},"pad":""}`
  const pad = size - skeleton.length
  return pad > 0 ? `{"seq":${seq},"ts":${now},"pad":"${'x'.repeat(pad)}"}` : skeleton
}

/** Binary payload of generated message `seq`: uint32 seq, float64 timestamp, then a byte pattern. */
export function binaryPayload(seq: number, size: number, now = systemWallClock()): Buffer {
  const payload = Buffer.alloc(Math.max(size, 12))
  payload.writeUInt32BE(seq >>> 0, 0)
  payload.writeDoubleBE(now, 4)
  for (let i = 12; i < payload.length; i++) payload[i] = i & 0xff
  return payload
}
