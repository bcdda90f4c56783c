import {
  CompareError,
  compareLogs,
  type ComparedMessage,
  type CompareOptions,
} from '#common/compare/index.ts'
import { yieldToPage } from '../message-log/in-slices.ts'
import { decodeSideChunk, transferablesOfSide, type SideFeed } from './compare-chunk.ts'
import type { CompareReply, CompareRequest } from './compare-protocol.ts'

/** How a comparison ends: its result, or why it could not run. */
export type FinalReply = Extract<CompareReply, { type: 'result' | 'error' }>
export type PartialReply = Extract<CompareReply, { type: 'partial' }>

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
  /** The sides being sent: the worker gives their blocks back, to be written over. */
  const feeds: { left?: SideFeed; right?: SideFeed } = {}

  function workerOrNull(): Worker | null {
    if (worker !== undefined) return worker
    try {
      worker = new Worker(new URL('./compare.worker.ts', import.meta.url), { type: 'module' })
      worker.onmessage = (event: MessageEvent<CompareReply>) => {
        const reply = event.data
        if (reply.type === 'spare') {
          feeds[reply.side]?.spare(reply.block)
          return
        }
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
    feeds.left = left
    feeds.right = right
    const open = { left: true, right: true }
    while (open.left || open.right) {
      for (const [side, feed] of [
        ['left', left],
        ['right', right],
      ] as const) {
        if (!open[side]) continue
        const chunk = feed.next()
        if (chunk !== null) {
          send({ type: 'chunk', job: current, side, chunk }, transferablesOfSide(chunk))
        } else {
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

function compareHere(
  job: number,
  left: SideFeed,
  right: SideFeed,
  options: CompareOptions,
): FinalReply {
  const started = performance.now()
  try {
    const result = compareLogs(
      { messages: allOf(left), skipped: left.skipped() },
      { messages: allOf(right), skipped: right.skipped() },
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

/** Every message a side gives, decoded here. */
function allOf(feed: SideFeed): ComparedMessage[] {
  const messages: ComparedMessage[] = []
  for (let chunk = feed.next(); chunk !== null; chunk = feed.next())
    decodeSideChunk(chunk, messages)
  return messages
}
