import {
  FLAG_OUT,
  FLAG_SSE,
  FLAG_TEXT,
  FLAG_TRUNCATED,
  KIND_CODES,
  KIND_MASK,
  NOT_IN_BLOCK,
  messageOf,
  payloadOf,
  type BatchView,
  type RowBlock,
} from '#common/batch/index.ts'
import { ByteQueue, type SegmentSupply } from './byte-queue.ts'
import { isMarker, type FilterKind, type LogRow } from './log-row.ts'
import { rowBytes, sseFieldsOf } from './row-bytes.ts'

/** Flags of a row that is not a message: its object is kept aside (they are few). */
const OTHER = 0x80
/** Rows decoded into objects and kept for the next frame: more than a screen or two. */
const DECODED_ROWS = 512

const decoder = new TextDecoder()
const KIND_INDEX = new Map(KIND_CODES.map((kind, code) => [kind, code]))

/**
 * A log's rows, addressed by absolute number (0 is the first row ever appended, or since the last
 * clear), so positions stay valid as old rows go. Message rows are columns (seq, time, size,
 * flags, where their bytes start, which connection) and their payloads sit in one byte queue,
 * decoded into objects only for the rows on screen: about 29 bytes a row beyond the payload.
 * Lifecycle rows and skipped markers are objects, kept aside. Bounded by a row capacity and a
 * byte budget; the oldest rows go first.
 */
export class LogBuffer {
  readonly #capacity: number
  #allocated: number
  #seq: Float64Array
  #ts: Float64Array
  #size: Uint32Array
  #flags: Uint8Array
  /** Where the row's bytes (payload, then SSE fields as JSON) start: a position in `#bytes`. */
  #start: Uint32Array
  /** Which entry of `#epochs` the row belongs to. */
  #epoch: Uint32Array
  readonly #bytes: ByteQueue
  /** Rows bigger than this are kept as objects, not in `#bytes` (a whole message from a run). */
  readonly #largestHeld: number
  #first = 0
  #total = 0
  readonly #others = new Map<number, LogRow>()
  /** Payload bytes of truncated rows (a preview's length is not its size). */
  readonly #previewLengths = new Map<number, number>()
  /** Connections and (re)connects: a row's connection, and when it connected. */
  #epochs: { connectionId: string | undefined; connectTs: number }[] = []
  #epochBase = 0
  readonly #decoded = new Map<number, LogRow>()
  /** Where `#bytes` gets new segments (a buffer resized from this one gets them there too). */
  readonly #segments: SegmentSupply | null

  /**
   * `budgetBytes`: the most payload bytes held; `segments`: where the bytes' memory comes from
   * (see byte-queue.ts), or allocated here.
   */
  constructor(
    capacity: number,
    {
      budgetBytes = Math.min(2 ** 30, Math.max(2 ** 24, capacity * 256)),
      segments = null,
    }: { budgetBytes?: number; segments?: SegmentSupply | null } = {},
  ) {
    this.#capacity = Math.max(1, capacity)
    this.#allocated = Math.min(this.#capacity, 1024)
    this.#seq = this.#column(Float64Array)
    this.#ts = this.#column(Float64Array)
    this.#size = this.#column(Uint32Array)
    this.#flags = this.#column(Uint8Array)
    this.#start = this.#column(Uint32Array)
    this.#epoch = this.#column(Uint32Array)
    this.#segments = segments
    this.#bytes = new ByteQueue(budgetBytes, segments)
    this.#largestHeld = budgetBytes / 8
    this.#epochs.push({ connectionId: undefined, connectTs: Number.NaN })
  }

  get capacity(): number {
    return this.#capacity
  }

  /** Rows appended so far: the absolute number the next row gets. */
  get total(): number {
    return this.#total
  }

  /** The absolute number of the oldest row still held. */
  get first(): number {
    return this.#first
  }

  /** The oldest row held: all of them, here (see LogSource.held). */
  get held(): number {
    return this.#first
  }

  /** Rows let go for the row limit or the byte budget (announced in the view). */
  get dropped(): number {
    return this.#first
  }

  get size(): number {
    return this.#total - this.#first
  }

  /** Appends rows given as objects (a recorded run, a file). */
  append(rows: readonly LogRow[], connectionId?: string): void {
    for (const row of rows) {
      if (row.type !== 'message') {
        this.#appendOther(row, connectionId)
        continue
      }
      this.#useEpoch(connectionId)
      let flags = KIND_INDEX.get(row.kind)! | (row.data !== undefined ? FLAG_TEXT : 0)
      if (row.direction === 'out') flags |= FLAG_OUT
      if (row.truncated) flags |= FLAG_TRUNCATED
      const sse = sseFieldsOf(row)
      if (sse !== null) flags |= FLAG_SSE
      const { bytes, payloadLength } = rowBytes(row, sse)
      if (bytes.length > this.#largestHeld) {
        const n = this.#makeRoom(0)
        this.#putMessage(n, row.seq, row.ts, row.size, flags)
        this.#others.set(n, row)
        continue
      }
      const n = this.#makeRoom(bytes.length)
      this.#putMessage(n, row.seq, row.ts, row.size, flags)
      if (row.truncated || payloadLength !== row.size) this.#previewLengths.set(n, payloadLength)
      this.#bytes.write(bytes)
    }
  }

  /** Appends a batch as the host sent it (see main/common/batch), from connection `connectionId`. */
  appendBatch(batch: BatchView, connectionId: string): void {
    if (batch.skipped > 0) {
      const ts = batch.count > 0 ? batch.ts[0]! : (batch.events[0]?.ts ?? Date.now())
      this.#appendOther({ type: 'skipped', ts, count: batch.skipped }, connectionId)
    }
    // (A batch of more rows than the log holds lets its own first rows go: row by row, below.)
    if (batch.events.length === 0 && batch.sse.length === 0 && batch.count < this.#capacity) {
      this.#appendMessages(batch, connectionId)
      return
    }
    let other = 0
    for (let i = 0; i < batch.count; i++) {
      while (other < batch.events.length && batch.events[other]!.seq < batch.seq[i]!)
        this.#appendOther(batch.events[other++]!, connectionId)
      this.#useEpoch(connectionId)
      const flags = batch.flags[i]!
      const payload = payloadOf(batch, i)
      const sse =
        flags & FLAG_SSE
          ? batch.sse.subarray(i === 0 ? 0 : batch.sseEnd[i - 1], batch.sseEnd[i])
          : null
      const n = this.#makeRoom(payload.length + (sse?.length ?? 0))
      this.#putMessage(n, batch.seq[i]!, batch.ts[i]!, batch.size[i]!, flags)
      if (payload.length !== batch.size[i]) this.#previewLengths.set(n, payload.length)
      this.#bytes.write(payload)
      if (sse !== null) this.#bytes.write(sse)
    }
    while (other < batch.events.length) this.#appendOther(batch.events[other++]!, connectionId)
  }

  /**
   * The common case, message rows alone: their payloads, one after the other in the batch, go
   * into the byte queue in one copy; each row only needs its columns.
   */
  #appendMessages(batch: BatchView, connectionId: string): void {
    this.#useEpoch(connectionId)
    const count = batch.count
    this.#makeByteRoom(batch.payload.length)
    // Room for every row at once: the columns grown, or the oldest rows let go.
    while (this.#total - this.#first + count > this.#allocated && this.#allocated < this.#capacity)
      this.#growRows()
    while (this.#total - this.#first + count > this.#allocated) this.#dropOldest()
    const base = this.#bytes.head
    const epoch = this.#epochBase + this.#epochs.length - 1
    const allocated = this.#allocated
    const { seq, ts, size: sizes, flags, payloadEnd } = batch
    let slot = this.#total % allocated
    let start = base
    for (let i = 0; i < count; i++) {
      this.#seq[slot] = seq[i]!
      this.#ts[slot] = ts[i]!
      this.#size[slot] = sizes[i]!
      this.#flags[slot] = flags[i]!
      this.#start[slot] = start
      this.#epoch[slot] = epoch
      const length = payloadEnd[i]! - (i === 0 ? 0 : payloadEnd[i - 1]!)
      if (length !== sizes[i]) this.#previewLengths.set(this.#total + i, length)
      start += length
      if (++slot === allocated) slot = 0
    }
    this.#total += count
    this.#bytes.write(batch.payload)
  }

  /**
   * Rows `from`…`to` for a worker to read (search, compare): one copy of their bytes out of the
   * queue, with where each row starts and its payload length and flags (a RowBlock, see
   * main/common/batch/row-block.ts), at most `limit.rows` rows and about `limit.bytes` bytes (at
   * least one row). Rows held as objects (lifecycle events, skipped markers, messages too large
   * for the queue) are listed in `others` and marked NOT_IN_BLOCK. `first` is the row number of
   * the block's row 0; `next`, the row after its last. A `spare` block the worker gave back is
   * written over where it is large enough (fresh memory costs a page fault per page on first
   * touch: here, more than the copy).
   */
  exportBlock(
    from: number,
    to: number,
    limit: { rows: number; bytes: number },
    spare?: RowBlock,
  ): { first: number; block: RowBlock; others: number[]; next: number } {
    const first = Math.max(from, this.#first)
    const blockStart =
      first < this.#total ? this.#start[first % this.#allocated]! : this.#bytes.head
    /** Where row `n`'s bytes start, from the block's start. */
    const offsetOf = (n: number): number =>
      ((n < this.#total ? this.#start[n % this.#allocated]! : this.#bytes.head) - blockStart) >>> 0
    let end = Math.max(first, Math.min(to, this.#total, first + limit.rows))
    if (offsetOf(end) > limit.bytes) {
      // The most rows within the bytes: offsets grow with the row number.
      let low = first + 1
      let high = end
      while (low < high) {
        const middle = (low + high + 1) >>> 1
        if (offsetOf(middle) <= limit.bytes) low = middle
        else high = middle - 1
      }
      end = low
    }
    const count = end - first
    const length = offsetOf(end)
    const fits = (array: ArrayBufferView | undefined, bytes: number) =>
      array !== undefined && array.buffer.byteLength >= bytes
    const bytes = fits(spare?.bytes, length)
      ? new Uint8Array(spare!.bytes.buffer, 0, length)
      : new Uint8Array(new ArrayBuffer(Math.max(length, limit.bytes)), 0, length)
    this.#bytes.copyTo(blockStart, length, bytes, 0)
    const rows = Math.max(count, limit.rows)
    /** Column `key` of the spare block where it holds `length` items, else a new one. */
    const column = <T extends Float64Array | Uint32Array | Uint8Array>(
      make: new (buffer: ArrayBuffer, offset: number, length: number) => T,
      key: 'seq' | 'ts' | 'size' | 'starts' | 'lengths' | 'flags',
      length: number,
      capacity: number,
    ): T => {
      const itemBytes = (make as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT
      const buffer = spare?.[key].buffer
      return buffer !== undefined && buffer.byteLength >= length * itemBytes
        ? new make(buffer as ArrayBuffer, 0, length)
        : new make(new ArrayBuffer(capacity * itemBytes), 0, length)
    }
    const seq = column(Float64Array, 'seq', count, rows)
    const ts = column(Float64Array, 'ts', count, rows)
    const size = column(Uint32Array, 'size', count, rows)
    const starts = column(Uint32Array, 'starts', count + 1, rows + 1)
    const lengths = column(Uint32Array, 'lengths', count, rows)
    const flags = column(Uint8Array, 'flags', count, rows)
    // The columns kept as they are: in one or two runs (where the ring wraps), copied whole.
    const allocated = this.#allocated
    const at = first % allocated
    copyRing(seq, this.#seq, at)
    copyRing(ts, this.#ts, at)
    copyRing(size, this.#size, at)
    copyRing(flags, this.#flags, at)
    const columnStart = this.#start
    starts[count] = length
    for (let i = 0, slot = at; i < count; i++, slot = slot + 1 === allocated ? 0 : slot + 1)
      starts[i] = (columnStart[slot]! - blockStart) >>> 0
    const others: number[] = []
    const previews = this.#previewLengths.size > 0 ? this.#previewLengths : null
    for (let i = 0; i < count; i++) {
      const payload = previews === null ? size[i]! : (previews.get(first + i) ?? size[i]!)
      // A message whose bytes are not in the queue was kept whole, as an object.
      if (
        (flags[i]! & OTHER) === 0 &&
        (payload <= starts[i + 1]! - starts[i]! || !this.#others.has(first + i))
      )
        lengths[i] = payload
      else {
        lengths[i] = NOT_IN_BLOCK
        others.push(first + i)
      }
    }
    return {
      first,
      block: { count, seq, ts, size, starts, lengths, flags, bytes },
      others,
      next: end,
    }
  }

  /** How many bytes row `n` takes in the queue (its payload, then any SSE fields). */
  #regionOf(n: number): number {
    const start = this.#start[n % this.#allocated]!
    const end = n + 1 < this.#total ? this.#start[(n + 1) % this.#allocated]! : this.#bytes.head
    return (end - start) >>> 0
  }

  /** The connection row `n` came from. */
  connectionIdOf(n: number): string | undefined {
    return this.#epochAt(n)?.connectionId
  }

  /** When the connection last connected before row `n` (its own time, before any connect). */
  connectTsOf(n: number): number {
    const connectTs = this.#epochAt(n)?.connectTs ?? Number.NaN
    return Number.isNaN(connectTs) ? this.tsOf(n) : connectTs
  }

  /** Row `n`'s seq in its connection; 0 for a marker (rows skipped, the app restarted). */
  seqOf(n: number): number {
    const other = this.#others.get(n)
    return other ? (isMarker(other) ? 0 : other.seq) : this.#seq[n % this.#allocated]!
  }

  tsOf(n: number): number {
    const other = this.#others.get(n)
    return other ? other.ts : this.#ts[n % this.#allocated]!
  }

  /** The row's filter kind and direction, read from the columns (no decoding). */
  filterKindOf(n: number): FilterKind {
    const flags = this.#flags[n % this.#allocated]!
    if (flags & OTHER) return 'lifecycle'
    const kind = KIND_CODES[flags & KIND_MASK]!
    return kind === 'ping' || kind === 'pong' ? 'ping-pong' : kind
  }

  /**
   * An SSE event row's type ("message" unless it named one), read from its SSE fields alone; null
   * for any other row.
   */
  eventTypeOf(n: number): string | null {
    if (n < this.#first || n >= this.#total || this.filterKindOf(n) !== 'sse-event') return null
    const other = this.#others.get(n)
    if (other) return other.type === 'message' ? (other.event ?? 'message') : null
    const slot = n % this.#allocated
    if (!(this.#flags[slot]! & FLAG_SSE)) return 'message'
    const length = this.#previewLengths.get(n) ?? this.#size[slot]!
    const fields = this.#bytes.read(this.#start[slot]! + length, this.#regionOf(n) - length)
    // The fields are [event, id, lastEventId, retry] (see batch-rows.ts).
    return (JSON.parse(decoder.decode(fields)) as [string | null])[0] ?? 'message'
  }

  directionOf(n: number): 'in' | 'out' | 'lifecycle' {
    const flags = this.#flags[n % this.#allocated]!
    return flags & OTHER ? 'lifecycle' : flags & FLAG_OUT ? 'out' : 'in'
  }

  /** The row with absolute number `n`, or undefined if it is not held. */
  row(n: number): LogRow | undefined {
    if (n < this.#first || n >= this.#total) return undefined
    const other = this.#others.get(n)
    if (other) return other
    let row = this.#decoded.get(n)
    if (row === undefined) {
      row = this.#decode(n)
      if (this.#decoded.size >= DECODED_ROWS)
        this.#decoded.delete(this.#decoded.keys().next().value!)
      this.#decoded.set(n, row)
    }
    return row
  }

  /** Every held row, oldest first. */
  *rows(): Generator<LogRow> {
    for (let n = this.#first; n < this.#total; n++) yield this.#others.get(n) ?? this.#decode(n)
  }

  clear(): void {
    this.#first = 0
    this.#total = 0
    this.#others.clear()
    this.#previewLengths.clear()
    this.#decoded.clear()
    this.#bytes.clear()
    this.#epochs = [this.#epochs.at(-1)!]
    this.#epochBase = 0
  }

  /** A buffer of another capacity holding the newest rows of this one. */
  resized(capacity: number): LogBuffer {
    const next = new LogBuffer(capacity, { segments: this.#segments })
    let n = Math.max(this.#first, this.#total - capacity)
    for (; n < this.#total; n++) next.append([this.row(n)!], this.connectionIdOf(n))
    return next
  }

  #decode(n: number): LogRow {
    const slot = n % this.#allocated
    const flags = this.#flags[slot]!
    const size = this.#size[slot]!
    const length = this.#previewLengths.get(n) ?? size
    const start = this.#start[slot]!
    return messageOf(
      this.#seq[slot]!,
      this.#ts[slot]!,
      size,
      flags,
      this.#bytes.read(start, length),
      flags & FLAG_SSE ? this.#bytes.read(start + length, this.#regionOf(n) - length) : null,
    )
  }

  #appendOther(row: LogRow, connectionId: string | undefined): void {
    if (row.type === 'connecting') {
      this.#epochs.push({ connectionId, connectTs: row.ts })
    } else {
      this.#useEpoch(connectionId)
    }
    const n = this.#makeRoom(0)
    this.#putMessage(n, isMarker(row) ? 0 : row.seq, row.ts, 0, OTHER)
    this.#others.set(n, row)
  }

  /** Starts a new epoch when rows come from another connection than the last. */
  #useEpoch(connectionId: string | undefined): void {
    const current = this.#epochs.at(-1)!
    if (connectionId !== undefined && current.connectionId !== connectionId) {
      if (current.connectionId === undefined) current.connectionId = connectionId
      else this.#epochs.push({ connectionId, connectTs: Number.NaN })
    }
  }

  #epochAt(n: number): { connectionId: string | undefined; connectTs: number } | undefined {
    if (n < this.#first || n >= this.#total) return undefined
    return this.#epochs[this.#epoch[n % this.#allocated]! - this.#epochBase]
  }

  /** Room for one more row with `bytes` of payload: grows, or lets the oldest rows go. */
  #makeRoom(bytes: number): number {
    this.#makeRowRoom()
    this.#makeByteRoom(bytes)
    return this.#total++
  }

  #makeRowRoom(): void {
    if (this.#total - this.#first < this.#allocated) return
    if (this.#allocated < this.#capacity) this.#growRows()
    else this.#dropOldest()
  }

  #makeByteRoom(bytes: number): void {
    while (!this.#bytes.fits(bytes) && this.#total > this.#first) this.#dropOldest()
  }

  #putMessage(n: number, seq: number, ts: number, size: number, flags: number): void {
    const slot = n % this.#allocated
    this.#seq[slot] = seq
    this.#ts[slot] = ts
    this.#size[slot] = size
    this.#flags[slot] = flags
    this.#start[slot] = this.#bytes.head
    this.#epoch[slot] = this.#epochBase + this.#epochs.length - 1
  }

  #dropOldest(): void {
    const n = this.#first++
    this.#others.delete(n)
    this.#previewLengths.delete(n)
    this.#decoded.delete(n)
    if (this.#first < this.#total) this.#bytes.release(this.#start[this.#first % this.#allocated]!)
    else this.#bytes.releaseAll()
    // Epochs before the oldest row's are no longer needed.
    if (this.#first < this.#total) {
      const keep = this.#epoch[this.#first % this.#allocated]! - this.#epochBase
      if (keep > 64) {
        this.#epochs = this.#epochs.slice(keep)
        this.#epochBase += keep
      }
    }
  }

  /** A column of `#allocated` rows that can grow in place to the capacity (a resizable buffer). */
  #column<T extends Float64Array | Uint32Array | Uint8Array>(make: {
    new (buffer: ArrayBuffer): T
    BYTES_PER_ELEMENT: number
  }): T {
    const bytes = make.BYTES_PER_ELEMENT
    return new make(
      new ArrayBuffer(this.#allocated * bytes, { maxByteLength: this.#capacity * bytes }),
    )
  }

  #growRows(): void {
    const allocated = Math.min(this.#capacity, Math.ceil(this.#allocated * 1.5))
    const columns = [this.#seq, this.#ts, this.#size, this.#flags, this.#start, this.#epoch]
    if (this.#first === 0) {
      // Row n is in slot n, before and after: the columns grow where they are.
      for (const column of columns)
        (column.buffer as ArrayBuffer).resize(allocated * column.BYTES_PER_ELEMENT)
      this.#allocated = allocated
      return
    }
    const before = this.#allocated
    this.#allocated = allocated
    const grown = <T extends Float64Array | Uint32Array | Uint8Array>(
      old: T,
      make: { new (buffer: ArrayBuffer): T; BYTES_PER_ELEMENT: number },
    ): T => {
      const next = this.#column(make)
      // Row n keeps its place modulo the new size: copied in runs that wrap in neither array.
      for (let n = this.#first; n < this.#total;) {
        const from = n % before
        const to = n % allocated
        const run = Math.min(this.#total - n, before - from, allocated - to)
        next.set(old.subarray(from, from + run), to)
        n += run
      }
      return next
    }
    this.#seq = grown(this.#seq, Float64Array)
    this.#ts = grown(this.#ts, Float64Array)
    this.#size = grown(this.#size, Uint32Array)
    this.#flags = grown(this.#flags, Uint8Array)
    this.#start = grown(this.#start, Uint32Array)
    this.#epoch = grown(this.#epoch, Uint32Array)
  }
}

/** Fills `target` from ring `source`, starting at `at`: the end of the ring, then its start. */
function copyRing<T extends Float64Array | Uint32Array | Uint8Array>(
  target: T,
  source: T,
  at: number,
): void {
  const run = Math.min(target.length, source.length - at)
  target.set(source.subarray(at, at + run))
  target.set(source.subarray(0, target.length - run), run)
}
