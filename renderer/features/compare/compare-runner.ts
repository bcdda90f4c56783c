import { CompareError, compareLogs, type CompareOptions } from '#common/compare/index.ts'
import { afterPaint, yieldToPage } from '../../scheduling.ts'
import { transferablesOfSide, type SideFeed } from './compare-chunk.ts'
import type { CompareReply, CompareRequest } from './compare-protocol.ts'
import { SideLog } from './side-log.ts'

/**
 * How a comparison ends: its result, or why it could not run; or `lost`, when the worker failed
 * under it (it did not start: a policy, an old shell; or it died). Run it again: from then on
 * comparisons run on the page.
 */
export type FinalReply =
  Extract<CompareReply, { type: 'result' | 'error' }> | { type: 'lost'; job: number }
export type PartialReply = Extract<CompareReply, { type: 'partial' }>

/** Chunks a side may have on their way to the worker, not yet taken in. */
const IN_FLIGHT = 4

/**
 * Runs comparisons in a Worker, one at a time: a newer comparison supersedes an older one (which
 * then resolves null). Both sides are read and sent chunk by chunk, so the worker can take a
 * first look at their first messages while the rest arrive, and the page never waits on a long
 * task. A side sends at most IN_FLIGHT chunks ahead of what the worker has taken in: the page
 * goes at the worker's pace, copying into blocks the worker gives back instead of into fresh
 * memory (slower to touch than to copy into) while the worker falls behind. Where no Worker can
 * start, the comparison runs here instead.
 */
export function createCompareRunner() {
  let worker: Worker | null | undefined
  let job = 0
  const waiting = new Map<number, (reply: FinalReply | null) => void>()
  let onPartial: ((reply: PartialReply) => void) | undefined
  /** The current comparison's sides, their chunks in flight, and its sender waiting on them. */
  const sending = {
    feeds: {} as { left?: SideFeed; right?: SideFeed },
    inFlight: { left: 0, right: 0 },
    wake: () => {},
  }

  function workerOrNull(): Worker | null {
    if (worker !== undefined) return worker
    try {
      worker = new Worker(new URL('./compare.worker.ts', import.meta.url), { type: 'module' })
      worker.onmessage = (event: MessageEvent<CompareReply>) => {
        const reply = event.data
        if (reply.type === 'taken') {
          if (reply.job !== job) return
          if (reply.block) sending.feeds[reply.side]?.spare(reply.block)
          sending.inFlight[reply.side]--
          sending.wake()
          return
        }
        if (reply.type === 'partial') {
          if (reply.job !== job) return
          onPartial?.(reply)
          void afterPaint().then(() => worker?.postMessage({ type: 'shown', job: reply.job }))
          return
        }
        waiting.get(reply.job)?.(reply)
        waiting.delete(reply.job)
      }
      worker.onerror = () => {
        // The worker could not run (a policy, an old shell): compare here from now on.
        worker?.terminate()
        worker = null
        for (const [lost, resolve] of waiting) resolve({ type: 'lost', job: lost })
        waiting.clear()
        sending.wake()
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
    sending.wake() // an older comparison's sender, waiting: it sees it is superseded
    const target = workerOrNull()
    if (target === null) return compareHere(current, left, right, options)
    onPartial = partial
    const reply = new Promise<FinalReply | null>((resolve) => waiting.set(current, resolve))
    const send = (request: CompareRequest, transfer: Transferable[] = []): void =>
      target.postMessage(request, transfer)
    send({ type: 'begin', job: current, options })
    sending.feeds = { left, right }
    sending.inFlight = { left: 0, right: 0 }
    const open = { left: true, right: true }
    /** Why sending stops early: a newer comparison (null), or the worker failed under it. */
    const stopped = (): FinalReply | null | undefined =>
      job !== current ? null : worker === null ? { type: 'lost', job: current } : undefined
    while (open.left || open.right) {
      let sent = false
      for (const [side, feed] of [
        ['left', left],
        ['right', right],
      ] as const) {
        if (!open[side] || sending.inFlight[side] >= IN_FLIGHT) continue
        const chunk = feed.next()
        if (chunk !== null) {
          send({ type: 'chunk', job: current, side, chunk }, transferablesOfSide(chunk))
          sending.inFlight[side]++
        } else {
          open[side] = false
          send({ type: 'side-done', job: current, side })
        }
        sent = true
        // Let the page paint and answer input between chunks.
        await yieldToPage()
        const stop = stopped()
        if (stop !== undefined) return stop
      }
      // Both sides are as far ahead as they may be: wait for the worker to take a chunk in.
      if (!sent) await new Promise<void>((resolve) => (sending.wake = resolve))
      const stop = stopped()
      if (stop !== undefined) return stop
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

/** Every message a side gives, held here. */
function allOf(feed: SideFeed): SideLog {
  const messages = new SideLog()
  for (let chunk = feed.next(); chunk !== null; chunk = feed.next()) messages.add(chunk)
  return messages
}
