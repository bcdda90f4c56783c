/**
 * The benchmark's generator, in a process of its own: a WebSocket (`/ws`) and SSE (`/sse`) source
 * that is never the bottleneck. Messages are pre-framed in blocks of thousands; each round copies
 * the block and writes only the changing digits (sequence number, and the time when paced), so a
 * message costs tens of nanoseconds to make, against the ~450 ns a `ws` client takes to read one.
 *
 * Payload (JSON, `size` bytes): {"seq":      1234,"ts":1700000000000.123,"pad":"xx…"}, the
 * numbers right-aligned with spaces (JSON allows them), so clients read the seq from fixed bytes.
 * Query: count (messages), size (bytes, ≥ 64), rate (msg/s, 0 = as fast as the client reads),
 * ids (SSE: 1 = each event has an id, its seq, as streams that number their events do).
 * Prints `{"port":N}` once listening.
 */
import { createServer, type IncomingMessage } from 'node:http'
import type { Duplex, Writable } from 'node:stream'
import { clockOffsetMs } from '../support/clock-offset.ts'
import { switchingProtocols } from '../support/ws-upgrade.ts'

const BLOCK = 4096
const SEQ_WIDTH = 10
const TS_WIDTH = 17

interface Template {
  block: Buffer
  /** Where each message's seq digits and ts digits start in the block. */
  seqAt: Uint32Array
  tsAt: Uint32Array
  /** Where each message's seq digits start in its frame's head too (an SSE id), if they do. */
  idAt: Uint32Array | null
}

/**
 * A block of `BLOCK` messages of `size` bytes, framed by `frame` (its head holding `SEQ_WIDTH`
 * bytes for the seq at `idAt`, if it says so), with the digits' positions.
 */
function template(
  size: number,
  frame: (payload: Buffer) => { head: Buffer; tail: Buffer; idAt?: number },
): Template {
  const skeleton = `{"seq":${' '.repeat(SEQ_WIDTH)},"ts":${'0'.padStart(TS_WIDTH)},"pad":""}`
  const payload = Buffer.from(
    `${skeleton.slice(0, -2)}${'x'.repeat(Math.max(0, size - skeleton.length))}"}`,
  )
  const { head, tail, idAt: idOffset } = frame(payload)
  const one = head.length + payload.length + tail.length
  const block = Buffer.alloc(one * BLOCK)
  const seqAt = new Uint32Array(BLOCK)
  const tsAt = new Uint32Array(BLOCK)
  const idAt = idOffset === undefined ? null : new Uint32Array(BLOCK)
  for (let i = 0; i < BLOCK; i++) {
    const at = i * one
    head.copy(block, at)
    payload.copy(block, at + head.length)
    tail.copy(block, at + head.length + payload.length)
    seqAt[i] = at + head.length + 7
    tsAt[i] = at + head.length + 7 + SEQ_WIDTH + 6
    if (idAt) idAt[i] = at + idOffset!
  }
  return { block, seqAt, tsAt, idAt }
}

/** `value` (a whole number) right-aligned in `width` bytes at `at`: integer math, no strings. */
function writeNumber(target: Buffer, at: number, width: number, value: number): void {
  let i = at + width - 1
  do {
    target[i--] = 0x30 + (value % 10)
    value = Math.floor(value / 10)
  } while (value > 0)
  while (i >= at) target[i--] = 0x20
}

function writeText(target: Buffer, at: number, width: number, text: string): void {
  const pad = width - text.length
  for (let i = 0; i < width; i++) target[at + i] = i < pad ? 0x20 : text.charCodeAt(i - pad)
}

/** Resolves once `out` drains or closes. */
function drainOf(out: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      out.off('drain', done)
      out.off('close', done)
      resolve()
    }
    out.on('drain', done)
    out.on('close', done)
  })
}

/** Round buffers per stream: each is patched again only once the socket has written it. */
const ROUNDS = 8

/** Sends `count` messages from the template at `rate`, waiting for the socket when it is full. */
async function pump(
  out: Writable,
  { block, seqAt, tsAt, idAt }: Template,
  count: number,
  rate: number,
) {
  const one = block.length / BLOCK
  const free: Buffer[] = Array.from({ length: ROUNDS }, () => Buffer.from(block))
  let freed: (() => void) | null = null
  const release = (round: Buffer): void => {
    free.push(round)
    freed?.()
    freed = null
  }
  const started = performance.now()
  let sent = 0
  let closed = false
  out.once('close', () => (closed = true))
  while (sent < count && !closed) {
    let n = Math.min(BLOCK, count - sent)
    if (rate > 0) {
      const due = Math.floor(((performance.now() - started) * rate) / 1000) + 1 - sent
      if (due <= 0) {
        await new Promise((resolve) => setTimeout(resolve, 1))
        continue
      }
      n = Math.min(n, due)
    }
    const round = free.pop()
    if (!round) {
      await new Promise<void>((resolve) => (freed = resolve))
      continue
    }
    for (let i = 0; i < n; i++) writeNumber(round, seqAt[i]!, SEQ_WIDTH, sent + i + 1)
    if (idAt) for (let i = 0; i < n; i++) writeNumber(round, idAt[i]!, SEQ_WIDTH, sent + i + 1)
    if (rate > 0) {
      // Paced (the latency case): when the round left, for wire-to-paint.
      const ts = (performance.timeOrigin + performance.now()).toFixed(3)
      for (let i = 0; i < n; i++) writeText(round, tsAt[i]!, TS_WIDTH, ts)
    }
    sent += n
    const written = out.write(n === BLOCK ? round : round.subarray(0, one * n), () =>
      release(round),
    )
    if (!written) await drainOf(out)
  }
}

function params(request: IncomingMessage) {
  const url = new URL(request.url ?? '/', 'http://x')
  return {
    count: Number(url.searchParams.get('count') ?? 100_000),
    size: Math.max(64, Number(url.searchParams.get('size') ?? 64)),
    rate: Number(url.searchParams.get('rate') ?? 0),
    ids: url.searchParams.get('ids') === '1',
  }
}

/** RFC 6455 §5.2: an unmasked text frame's header for a payload of `length` bytes. */
function wsHeader(length: number): Buffer {
  if (length < 126) return Buffer.from([0x81, length])
  const header = Buffer.alloc(4)
  header[0] = 0x81
  header[1] = 126
  header.writeUInt16BE(length, 2)
  return header
}

const server = createServer((request, response) => {
  // Its clock against the wall clock, for latencies measured in another process (wire to paint).
  if (request.url === '/clock') {
    response.end(JSON.stringify({ offsetMs: clockOffsetMs() }))
    return
  }
  if (!request.url?.startsWith('/sse')) {
    response.writeHead(404).end()
    return
  }
  const { count, size, rate, ids } = params(request)
  response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' })
  // With ids, the seq right-aligned in spaces: the ids differ from event to event, as they would.
  const sse = template(size, () =>
    ids
      ? {
          head: Buffer.from(`id: ${' '.repeat(SEQ_WIDTH)}\ndata: `),
          tail: Buffer.from('\n\n'),
          idAt: 4,
        }
      : { head: Buffer.from('data: '), tail: Buffer.from('\n\n') },
  )
  void pump(response, sse, count, rate).then(() => response.end())
})

server.on('upgrade', (request, socket: Duplex) => {
  socket.write(switchingProtocols(request))
  socket.on('error', () => socket.destroy())
  socket.resume() // what the client sends (its close frame) is not needed
  const { count, size, rate } = params(request)
  const ws = template(size, (payload) => ({
    head: wsHeader(payload.length),
    tail: Buffer.alloc(0),
  }))
  void pump(socket, ws, count, rate).then(() => {
    // A close frame, 1000: the client closes cleanly once it has read everything.
    socket.end(Buffer.from([0x88, 0x02, 0x03, 0xe8]))
  })
})

server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  process.stdout.write(
    `${JSON.stringify({ port: typeof address === 'object' ? address?.port : 0 })}\n`,
  )
})
process.on('disconnect', () => process.exit(0))
