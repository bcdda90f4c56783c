import {
  CompareError,
  compareLogs,
  type ComparedMessage,
  type CompareOptions,
} from '#common/compare/index.ts'
import { encodeChunk, transferablesOf } from './compare-chunk.ts'
import type { CompareReply, CompareRequest } from './compare-protocol.ts'

/** How a comparison ends: its result, or why it could not run. */
export type FinalReply = Exclude<CompareReply, { type: 'partial' }>
export type PartialReply = Extract<CompareReply, { type: 'partial' }>

/** Messages per chunk: reading, encoding and posting 10,000 takes about 15 ms. */
export const CHUNK = 10_000

/**
 * Gives the page its turn: input, a frame. Through a message channel: setTimeout is clamped to
 * 4 ms once nested (hundreds of chunks would wait seconds for nothing), and `scheduler.yield()`
 * continuations outrank rendering (Chromium then paints only every 100 ms, measured).
 */
function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => resolve()
    channel.port2.postMessage(null)
  })
}

/** The messages of one side as they are read, and the rows the live view had skipped. */
export interface SideFeed {
  messages: Iterator<ComparedMessage>
  skipped(): number
}

/**
 * Runs comparisons in a Worker, one at a time: a newer comparison supersedes an older one (which
 * then resolves null). Both sides are read and sent chunk by chunk, in turn, so the worker can
 * take a first look at their first messages while the rest arrive, and the page never waits on a
 * long task. Where no Worker can start, the comparison runs here instead.
 */
export function createCompareRunner() {
  let worker: Worker | null | undefined
  let job = 0
  const waiting = new Map<number, (reply: FinalReply | null) => void>()
  let onPartial: ((reply: PartialReply) => void) | undefined

  function workerOrNull(): Worker | null {
    if (worker !== undefined) return worker
    try {
      worker = new Worker(new URL('./compare.worker.ts', import.meta.url), { type: 'module' })
      worker.onmessage = (event: MessageEvent<CompareReply>) => {
        const reply = event.data
        if (reply.type === 'partial') {
          if (reply.job === job) onPartial?.(reply)
          return
        }
        waiting.get(reply.job)?.(reply)
        waiting.delete(reply.job)
      }
      worker.onerror = () => {
        // The worker could not run (a policy, an old shell): compare here from now on.
        worker?.terminate()
        worker = null
        for (const resolve of waiting.values()) resolve(null)
        waiting.clear()
      }
    } catch {
      worker = null
    }
    return worker
  }

  async function compare(
    left: SideFeed,
    right: SideFeed,
    options: CompareOptions,
    partial?: (reply: PartialReply) => void,
  ): Promise<FinalReply | null> {
    const current = ++job
    for (const resolve of waiting.values()) resolve(null)
    waiting.clear()
    const target = workerOrNull()
    if (target === null) return compareHere(current, left, right, options)
    onPartial = partial
    const reply = new Promise<FinalReply | null>((resolve) => waiting.set(current, resolve))
    const send = (request: CompareRequest, transfer: Transferable[] = []): void =>
      target.postMessage(request, transfer)
    send({ type: 'begin', job: current, options })
    const open = { left: true, right: true }
    while (open.left || open.right) {
      for (const [side, feed] of [
        ['left', left],
        ['right', right],
      ] as const) {
        if (!open[side]) continue
        const messages = take(feed.messages, CHUNK)
        if (messages.length > 0) {
          const chunk = encodeChunk(messages)
          send({ type: 'chunk', job: current, side, chunk }, transferablesOf(chunk))
        }
        if (messages.length < CHUNK) {
          open[side] = false
          send({ type: 'side-done', job: current, side })
        }
        // Let the page paint and answer input between chunks.
        await yieldToPage()
        if (job !== current) return null
      }
    }
    send({
      type: 'compare',
      job: current,
      skipped: { left: left.skipped(), right: right.skipped() },
    })
    return reply
  }

  return { compare }
}

function take(iterator: Iterator<ComparedMessage>, count: number): ComparedMessage[] {
  const taken: ComparedMessage[] = []
  while (taken.length < count) {
    const next = iterator.next()
    if (next.done) break
    taken.push(next.value)
  }
  return taken
}

function compareHere(
  job: number,
  left: SideFeed,
  right: SideFeed,
  options: CompareOptions,
): FinalReply {
  const started = performance.now()
  try {
    const result = compareLogs(
      { messages: [...iterate(left.messages)], skipped: left.skipped() },
      { messages: [...iterate(right.messages)], skipped: right.skipped() },
      options,
    )
    return {
      type: 'result',
      job,
      ms: performance.now() - started,
      outcome: {
        ...result.pairs,
        summary: result.summary,
        timing: result.timing,
        warnings: result.warnings,
      },
    }
  } catch (error) {
    return {
      type: 'error',
      job,
      message:
        error instanceof CompareError ? error.message : `The comparison failed: ${String(error)}`,
    }
  }
}

function* iterate<T>(iterator: Iterator<T>): Generator<T> {
  for (let next = iterator.next(); !next.done; next = iterator.next()) yield next.value
}
