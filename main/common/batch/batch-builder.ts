import type { ConnectionEvent, MessageKind } from '../contract/index.ts'
import {
  FLAG_OUT,
  FLAG_SSE,
  FLAG_TEXT,
  FLAG_TRUNCATED,
  KIND_CODES,
  ROW_BYTES,
  encodeBatch,
  type BatchHeader,
} from './batch-format.ts'

/** SSE fields of a message row. */
export interface SseFields {
  event?: string
  id?: string
  lastEventId?: string
  retry?: number
}

/** A row's SSE fields as a batch keeps them: a JSON array [event, id, lastEventId, retry]. */
export function sseFieldsJson(sse: SseFields): string {
  return JSON.stringify([
    sse.event ?? null,
    sse.id ?? null,
    sse.lastEventId ?? null,
    sse.retry ?? null,
  ])
}

/** How a message row's payload is shown: text (`data`) or bytes (`base64`), whole or a preview. */
export interface PayloadForm {
  text: boolean
  truncated: boolean
}

const KIND_INDEX = new Map(KIND_CODES.map((kind, code) => [kind, code]))
const encoder = new TextEncoder()
const NULL = encoder.encode('null')
const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c

/**
 * Collects a connection's rows until they leave as a batch: message rows into growing columns and
 * one payload pool (bytes are copied in, text is encoded in: nothing is decoded on the way), other
 * events as their JSON; `encode` makes the batch, `reset` starts again.
 */
export class BatchBuilder {
  #capacity = 0
  #count = 0
  #seq = new Float64Array(0)
  #ts = new Float64Array(0)
  #size = new Uint32Array(0)
  #payloadEnd = new Uint32Array(0)
  #sseEnd = new Uint32Array(0)
  #flags = new Uint8Array(0)
  #payload = new Uint8Array(4096)
  #payloadLength = 0
  #sse = new Uint8Array(0)
  #sseLength = 0
  /**
   * The SSE fields last encoded, and where in `#sse` their bytes are (start -1: none since the
   * last reset). A stream's events mostly repeat them, most often all empty: encoded for every
   * row, they were a sixth of the host's work in an SSE firehose.
   */
  #lastSse: SseFields = {}
  #lastSseStart = -1
  #lastSseEnd = 0
  /**
   * The last fields' event and retry as the JSON around the ids (`["tick",` and `,null]`), null
   * before any: a stream that numbers its events changes only the ids, written between them.
   */
  #sseHead: Uint8Array | null = null
  #sseTail: Uint8Array = new Uint8Array(0)
  #events: string[] = []

  constructor(initialRows = 1024) {
    this.#grow(initialRows)
  }

  /** Message rows collected. */
  get count(): number {
    return this.#count
  }

  /** Bytes the rows take so far, as encoded. */
  get bytes(): number {
    return this.#count * ROW_BYTES + this.#payloadLength + this.#sseLength
  }

  /** Events other than message rows collected. */
  get eventCount(): number {
    return this.#events.length
  }

  get empty(): boolean {
    return this.#count === 0 && this.#events.length === 0
  }

  /** Adds a message row; `payload` is what is shown of it (a preview of a large one). */
  addMessage(
    seq: number,
    ts: number,
    size: number,
    kind: MessageKind,
    direction: 'in' | 'out',
    payload: Uint8Array | string,
    form: PayloadForm,
    sse?: SseFields,
  ): void {
    if (this.#count === this.#capacity) this.#grow(this.#capacity * 2)
    const i = this.#count++
    this.#seq[i] = seq
    this.#ts[i] = ts
    this.#size[i] = size
    let flags = KIND_INDEX.get(kind)!
    if (direction === 'out') flags |= FLAG_OUT
    if (form.text) flags |= FLAG_TEXT
    if (form.truncated) flags |= FLAG_TRUNCATED
    if (typeof payload === 'string') {
      this.#reservePayload(payload.length * 3)
      this.#payloadLength += encoder.encodeInto(
        payload,
        this.#payload.subarray(this.#payloadLength),
      ).written
    } else {
      this.#reservePayload(payload.length)
      this.#payload.set(payload, this.#payloadLength)
      this.#payloadLength += payload.length
    }
    this.#payloadEnd[i] = this.#payloadLength
    if (sse !== undefined) {
      flags |= FLAG_SSE
      this.#addSse(sse)
    }
    this.#sseEnd[i] = this.#sseLength
    this.#flags[i] = flags
  }

  /** Adds any other event, in order among the message rows (its seq says where). */
  addEvent(event: ConnectionEvent): void {
    this.#events.push(JSON.stringify(event))
  }

  /**
   * The batch of what was collected (with no message rows if `withMessages` is false: the other
   * events alone, for a view that skips the rows). The builder keeps its rows until `reset`.
   */
  encode(header: Omit<BatchHeader, 'events' | 'count'>, withMessages = true): Uint8Array {
    return encodeBatch(header, this.#events, {
      count: withMessages ? this.#count : 0,
      seq: this.#seq,
      ts: this.#ts,
      size: this.#size,
      payloadEnd: this.#payloadEnd,
      sseEnd: this.#sseEnd,
      flags: this.#flags,
      payload: this.#payload,
      sse: this.#sse,
    })
  }

  /** Starts again, empty; the columns are reused. */
  reset(): void {
    this.#count = 0
    this.#payloadLength = 0
    this.#sseLength = 0
    this.#lastSseStart = -1
    this.#events = []
  }

  #grow(capacity: number): void {
    const grown = <T extends Float64Array | Uint32Array | Uint8Array>(
      old: T,
      make: new (n: number) => T,
    ): T => {
      const next = new make(capacity)
      next.set(old.subarray(0, this.#count))
      return next
    }
    this.#seq = grown(this.#seq, Float64Array)
    this.#ts = grown(this.#ts, Float64Array)
    this.#size = grown(this.#size, Uint32Array)
    this.#payloadEnd = grown(this.#payloadEnd, Uint32Array)
    this.#sseEnd = grown(this.#sseEnd, Uint32Array)
    this.#flags = grown(this.#flags, Uint8Array)
    this.#capacity = capacity
  }

  #reservePayload(bytes: number): void {
    if (this.#payloadLength + bytes <= this.#payload.length) return
    const next = new Uint8Array(Math.max(this.#payload.length * 2, this.#payloadLength + bytes))
    next.set(this.#payload.subarray(0, this.#payloadLength))
    this.#payload = next
  }

  /**
   * Adds a row's SSE fields: a copy of the last row's bytes when they are the same, new ids
   * between the last event's and retry's JSON when only the ids changed, else encoded anew.
   */
  #addSse(sse: SseFields): void {
    const last = this.#lastSse
    const start = this.#sseLength
    if (this.#sseHead !== null && sse.event === last.event && sse.retry === last.retry) {
      if (this.#lastSseStart >= 0 && sse.id === last.id && sse.lastEventId === last.lastEventId) {
        const length = this.#lastSseEnd - this.#lastSseStart
        this.#reserveSse(length)
        this.#sse.copyWithin(start, this.#lastSseStart, this.#lastSseEnd)
        this.#sseLength += length
        return
      }
      if (this.#addIds(sse)) {
        this.#remember(sse, start)
        return
      }
      this.#sseLength = start
    }
    const fields = sseFieldsJson(sse)
    this.#reserveSse(fields.length * 3)
    this.#sseLength += encoder.encodeInto(fields, this.#sse.subarray(start)).written
    this.#sseHead = encoder.encode(`[${JSON.stringify(sse.event ?? null)},`)
    this.#sseTail = encoder.encode(`,${JSON.stringify(sse.retry ?? null)}]`)
    this.#remember(sse, start)
  }

  /** The fields at `start` are the ones to copy while they repeat. */
  #remember(sse: SseFields, start: number): void {
    this.#lastSse = { event: sse.event, id: sse.id, lastEventId: sse.lastEventId, retry: sse.retry }
    this.#lastSseStart = start
    this.#lastSseEnd = this.#sseLength
  }

  /**
   * Writes the fields as the last event's and retry's JSON around `sse`'s ids, where the ids are
   * written the same in JSON as they are (printable ASCII, no quote or backslash); false if not.
   */
  #addIds(sse: SseFields): boolean {
    const head = this.#sseHead!
    const tail = this.#sseTail
    const idBytes = (id: string | undefined) => (id === undefined ? 4 : id.length + 2)
    this.#reserveSse(head.length + idBytes(sse.id) + 1 + idBytes(sse.lastEventId) + tail.length)
    this.#sse.set(head, this.#sseLength)
    this.#sseLength += head.length
    if (!this.#addId(sse.id)) return false
    this.#sse[this.#sseLength++] = COMMA
    if (!this.#addId(sse.lastEventId)) return false
    this.#sse.set(tail, this.#sseLength)
    this.#sseLength += tail.length
    return true
  }

  #addId(id: string | undefined): boolean {
    const bytes = this.#sse
    let at = this.#sseLength
    if (id === undefined) {
      bytes.set(NULL, at)
      this.#sseLength = at + NULL.length
      return true
    }
    bytes[at++] = QUOTE
    for (let i = 0; i < id.length; i++) {
      const code = id.charCodeAt(i)
      if (code < 0x20 || code > 0x7e || code === QUOTE || code === BACKSLASH) return false
      bytes[at++] = code
    }
    bytes[at++] = QUOTE
    this.#sseLength = at
    return true
  }

  #reserveSse(bytes: number): void {
    if (this.#sseLength + bytes <= this.#sse.length) return
    const next = new Uint8Array(Math.max(this.#sse.length * 2, this.#sseLength + bytes, 1024))
    next.set(this.#sse.subarray(0, this.#sseLength))
    this.#sse = next
  }
}
