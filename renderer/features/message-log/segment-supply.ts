import { SEGMENT_BYTES, type SegmentSupply } from './byte-queue.ts'

/** The bytes between two touches: the smallest memory page, so every page is touched. */
const PAGE_BYTES = 4096

/** What the supply needs of its worker (segment.worker.ts): a Worker, or a stand-in in tests. */
export interface SegmentWorker {
  /** Asks for `count` segments. */
  postMessage(count: number): void
  /** Answers: the segments, transferred. */
  onmessage: ((event: MessageEvent<ArrayBuffer[]>) => void) | null
}

export interface SegmentSupplyOptions {
  /**
   * Segments kept ready while logs grow: 8 MiB by default, a third of a second of a firehose of
   * 64 B messages. With 2 MiB the stock ran dry, and most pages were again touched on the page.
   */
  stock?: number
  /** How long the stock is kept once no log has taken from it. */
  idleMs?: number
}

/** `count` segments with every page already written to: what the worker does. */
export function touchedSegments(count: number): ArrayBuffer[] {
  const segments: ArrayBuffer[] = []
  for (let i = 0; i < count; i++) {
    const segment = new ArrayBuffer(SEGMENT_BYTES)
    const bytes = new Uint8Array(segment)
    for (let at = 0; at < SEGMENT_BYTES; at += PAGE_BYTES) bytes[at] = 0
    segments.push(segment)
  }
  return segments
}

/**
 * Segments for the logs' byte queues, made ready by a worker. The first write to a page of fresh
 * memory faults; on this project's test machines (virtual ones) that costs 4.4 ms a megabyte,
 * against 0.08 ms to copy one, and under a firehose it fell on the page's thread: a million rows
 * of 64 B spent 0.38 s of the page's 1.7 s of work writing to fresh pages. The worker allocates
 * segments and writes to every page; they are transferred to the page, not copied. A stock is
 * kept while logs grow and refilled as they take from it, and let go once they stop (so no memory
 * is held for a log that is not growing); a log that finds the stock empty allocates its own
 * segment, as before.
 * Where no worker can start, the supply has nothing and every log allocates its own.
 */
export function createSegmentSupply(
  startWorker: () => SegmentWorker,
  { stock = 128, idleMs = 250 }: SegmentSupplyOptions = {},
): SegmentSupply {
  let worker: SegmentWorker | null | undefined
  let ready: ArrayBuffer[] = []
  let ordered = 0
  let lastTaken = 0
  let idleTimer: ReturnType<typeof setTimeout> | null = null

  function workerOrNull(): SegmentWorker | null {
    if (worker !== undefined) return worker
    try {
      worker = startWorker()
      worker.onmessage = ({ data }) => {
        ordered -= data.length
        ready.push(...data)
        idleTimer ??= setTimeout(letGoWhenIdle, idleMs)
      }
    } catch {
      worker = null
    }
    return worker
  }

  /** Orders what the stock lacks, half a stock at least at a time (one message, not one each). */
  function refill(): void {
    const wanted = stock - ready.length - ordered
    if (wanted < stock / 2) return
    const target = workerOrNull()
    if (!target) return
    ordered += wanted
    target.postMessage(wanted)
  }

  function letGoWhenIdle(): void {
    idleTimer = null
    const idle = performance.now() - lastTaken
    if (idle >= idleMs) ready = []
    else idleTimer = setTimeout(letGoWhenIdle, idleMs - idle)
  }

  return {
    take() {
      lastTaken = performance.now()
      idleTimer ??= setTimeout(letGoWhenIdle, idleMs)
      const segment = ready.pop() ?? null
      refill()
      return segment
    },
  }
}
