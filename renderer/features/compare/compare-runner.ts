import {
  CompareError,
  compareLogs,
  type CompareOptions,
  type CompareSide,
} from '#common/compare/index.ts'
import type { CompareReply, CompareRequest } from './compare-protocol.ts'

/** How a comparison ends: its result, or why it could not run. */
type FinalReply = Exclude<CompareReply, { type: 'partial' }>
type PartialReply = Extract<CompareReply, { type: 'partial' }>

/** Messages per postMessage: small enough that copying them is never a long task. */
const CHUNK = 20_000

/**
 * Runs comparisons in a Worker, one at a time: a newer comparison supersedes an older one (which
 * then resolves null). Where no Worker can start, the comparison runs here instead.
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

  /**
   * Compares two sides; `partial` hears of a first look at their first messages when the rest
   * takes longer. Resolves with the result, or null if a newer comparison superseded this one.
   */
  async function compare(
    left: CompareSide,
    right: CompareSide,
    options: CompareOptions,
    partial?: (reply: PartialReply) => void,
  ): Promise<FinalReply | null> {
    const current = ++job
    onPartial = partial
    for (const resolve of waiting.values()) resolve(null)
    waiting.clear()
    const target = workerOrNull()
    if (target === null) return compareHere(current, left, right, options)
    const reply = new Promise<FinalReply | null>((resolve) => waiting.set(current, resolve))
    const send = (request: CompareRequest): void => target.postMessage(request)
    send({
      type: 'begin',
      job: current,
      totals: { left: left.messages.length, right: right.messages.length },
      options,
    })
    // Both sides chunk by chunk, in turn, so the first look has the start of each.
    const longest = Math.max(left.messages.length, right.messages.length)
    for (let start = 0; start < longest; start += CHUNK) {
      for (const [side, messages] of [
        ['left', left.messages],
        ['right', right.messages],
      ] as const) {
        if (job !== current) return null
        if (start >= messages.length) continue
        send({ type: 'chunk', job: current, side, messages: messages.slice(start, start + CHUNK) })
        // Let the page paint and answer input between chunks.
        await new Promise((resolve) => setTimeout(resolve, 0))
      }
    }
    send({
      type: 'compare',
      job: current,
      skipped: { left: left.skipped, right: right.skipped },
      options,
    })
    return reply
  }

  return { compare }
}

function compareHere(
  job: number,
  left: CompareSide,
  right: CompareSide,
  options: CompareOptions,
): FinalReply {
  const started = performance.now()
  try {
    const result = compareLogs(left, right, options)
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
