import type { Socket } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import type { WebSocket } from 'ws'
import { closeCodeProblem, closeReasonProblem } from '#common/contract/close-frame.ts'
import { drainOrClose } from '../drain.ts'
import { BadParam, intParam } from '../params.ts'
import { frameBatch, OPCODE_TEXT } from './ws-frame.ts'

/** Output queued for one client beyond which a generator waits. */
const BACKLOG_HIGH_WATER_BYTES = 1024 * 1024

/** The options every WebSocket endpoint takes (see catalog.ts). */
export interface DemoSocketOptions {
  pingSeconds?: number
  closeAfter?: number
  closeCode: number
  closeReason: string
  terminateAfter?: number
}

export function parseDemoSocketOptions(query: URLSearchParams): DemoSocketOptions {
  const code = intParam(query, 'code', { min: 1000, max: 4999 }, 1000)
  // The same rules as the app's own close frames (ws refuses the others): said up front.
  const codeProblem = closeCodeProblem(code)
  if (codeProblem) throw new BadParam(`code: ${codeProblem}`)
  const reason = query.get('reason') ?? (query.has('closeAfter') ? 'closeAfter reached' : '')
  const reasonProblem = closeReasonProblem(reason)
  if (reasonProblem) throw new BadParam(`reason: ${reasonProblem}`)
  return {
    pingSeconds: intParam(query, 'ping', { min: 1, max: 3600 }),
    closeAfter: intParam(query, 'closeAfter', { min: 0, max: 1_000_000_000 }),
    closeCode: code,
    closeReason: reason,
    terminateAfter: intParam(query, 'terminateAfter', { min: 0, max: 1_000_000_000 }),
  }
}

/**
 * A server-side WebSocket with the endpoint options applied to everything it sends: counting
 * messages for `closeAfter` / `terminateAfter`, pinging, and dropping a slow consumer.
 */
export class DemoSocket {
  readonly #ws: WebSocket
  readonly #rawSocket: Socket
  readonly #options: DemoSocketOptions
  readonly #maxBufferedBytes: number
  #sent = 0
  readonly #pingTimer: NodeJS.Timeout | undefined

  constructor(
    ws: WebSocket,
    rawSocket: Socket,
    options: DemoSocketOptions,
    maxBufferedBytes: number,
  ) {
    this.#ws = ws
    this.#rawSocket = rawSocket
    this.#options = options
    this.#maxBufferedBytes = maxBufferedBytes
    if (options.pingSeconds)
      this.#pingTimer = setInterval(() => ws.ping(), options.pingSeconds * 1000)
    ws.once('close', () => clearInterval(this.#pingTimer))
    if (this.remaining() <= 0) this.#limitReached()
  }

  get ws(): WebSocket {
    return this.#ws
  }

  get isOpen(): boolean {
    return this.#ws.readyState === this.#ws.OPEN
  }

  /** Messages still to send before `closeAfter` / `terminateAfter` acts (Infinity without them). */
  remaining(): number {
    return (
      Math.min(this.#options.closeAfter ?? Infinity, this.#options.terminateAfter ?? Infinity) -
      this.#sent
    )
  }

  send(data: string | Buffer, binary = typeof data !== 'string'): void {
    if (!this.isOpen || this.remaining() <= 0) return
    this.#ws.send(data, { binary })
    this.#afterSend(1, typeof data === 'string' ? Buffer.byteLength(data) : data.length)
  }

  /**
   * Sends `payloads` already framed once as `frames` (the same buffer for every client of a
   * broadcast) in one write, where no extension transforms frames and no limit cuts the batch;
   * otherwise message by message.
   */
  sendFramed(
    frames: Buffer,
    messages: () => readonly { data: Buffer; binary: boolean }[],
    count: number,
    bytes: number,
  ): void {
    if (!this.isOpen) return
    if (this.#ws.extensions !== '' || this.remaining() < count) {
      for (const { data, binary } of messages()) this.send(data, binary)
      return
    }
    this.#rawSocket.write(frames)
    this.#afterSend(count, bytes)
  }

  /**
   * Sends a batch as one pre-framed write when no extension transforms frames (permessage-deflate
   * would); otherwise message by message. Returns false when the client is not keeping up and the
   * sender should wait for `drained()`.
   */
  sendBatch(payloads: Buffer[], opcode: number): boolean {
    const batch = payloads.slice(0, Math.max(0, this.remaining()))
    if (!this.isOpen || batch.length === 0) return true
    let bytes = 0
    for (const payload of batch) bytes += payload.length
    if (this.#ws.extensions === '') {
      this.#rawSocket.write(frameBatch(batch, opcode))
    } else {
      for (const payload of batch) this.#ws.send(payload, { binary: opcode !== OPCODE_TEXT })
    }
    this.#afterSend(batch.length, bytes)
    return !this.#backedUp()
  }

  /** Resolves once the client has taken enough of what was sent. */
  async drained(): Promise<void> {
    while (this.isOpen && this.#backedUp()) {
      if (this.#rawSocket.writableNeedDrain) await drainOrClose(this.#rawSocket, this.#ws)
      // Frames still being compressed sit in ws's sender, not the socket: give it a moment.
      else await sleep(1)
    }
  }

  #backedUp(): boolean {
    return this.#rawSocket.writableNeedDrain || this.#ws.bufferedAmount > BACKLOG_HIGH_WATER_BYTES
  }

  /** `bytes` were just written: a client is slow only when more than that is still unsent. */
  #afterSend(count: number, bytes: number): void {
    this.#sent += count
    if (this.#ws.bufferedAmount > this.#maxBufferedBytes + bytes) {
      // A slow consumer: drop it rather than hold its backlog in memory.
      this.#ws.terminate()
      return
    }
    if (this.remaining() <= 0) this.#limitReached()
  }

  #limitReached(): void {
    if (this.#options.terminateAfter !== undefined && this.#sent >= this.#options.terminateAfter) {
      // Abrupt: no close frame, the TCP connection just goes away.
      this.#ws.terminate()
    } else {
      this.#ws.close(this.#options.closeCode, this.#options.closeReason)
    }
  }
}
