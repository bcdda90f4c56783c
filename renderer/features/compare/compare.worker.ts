import {
  CompareError,
  compareLogs,
  type ComparedMessage,
  type CompareOptions,
  type CompareResult,
} from '#common/compare/index.ts'
import type { CompareOutcome, CompareReply, CompareRequest } from './compare-protocol.ts'

/** Messages per side in the first look. */
const FIRST_LOOK = 20_000

/** A result as the view takes it: the pair columns copied out, to be transferred. */
function outcomeOf(result: CompareResult): CompareOutcome {
  const { pairs } = result
  return {
    left: pairs.left.slice(),
    right: pairs.right.slice(),
    status: pairs.status.slice(),
    length: pairs.length,
    summary: result.summary,
    timing: result.timing,
    warnings: result.warnings,
  }
}

/**
 * Aligns and diffs off the UI thread. Messages arrive in chunks; one `compare` runs the whole
 * comparison and transfers the pair columns back.
 */
/** The worker's global scope (the DOM library's `self` is typed as a window). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<CompareRequest>) => void) | null
  postMessage(message: CompareReply, transfer: Transferable[]): void
}
let job = -1
let left: ComparedMessage[] = []
let right: ComparedMessage[] = []
let firstLook: { totals: { left: number; right: number }; options: CompareOptions } | null = null

/** The first chunk of each side, compared at once: the view has something within moments. */
function maybeFirstLook(): void {
  if (firstLook === null) return
  const { totals, options } = firstLook
  const ready = (have: number, total: number) => have >= Math.min(total, FIRST_LOOK)
  if (!ready(left.length, totals.left) || !ready(right.length, totals.right)) return
  firstLook = null
  if (left.length === totals.left && right.length === totals.right) return // the whole is as quick
  try {
    const result = compareLogs(
      { messages: left, skipped: 0 },
      { messages: right, skipped: 0 },
      options,
    )
    const outcome = outcomeOf(result)
    scope.postMessage({ type: 'partial', job, outcome, compared: left.length + right.length }, [
      outcome.left.buffer,
      outcome.right.buffer,
      outcome.status.buffer,
    ])
  } catch {
    // The options are wrong: the full comparison will say so.
  }
}

scope.onmessage = (event: MessageEvent<CompareRequest>) => {
  const request = event.data
  switch (request.type) {
    case 'begin':
      job = request.job
      left = []
      right = []
      firstLook = { totals: request.totals, options: request.options }
      return
    case 'chunk':
      if (request.job !== job) return
      for (const message of request.messages) (request.side === 'left' ? left : right).push(message)
      maybeFirstLook()
      return
    case 'compare': {
      if (request.job !== job) return
      const started = performance.now()
      let reply: CompareReply
      try {
        const result = compareLogs(
          { messages: left, skipped: request.skipped.left },
          { messages: right, skipped: request.skipped.right },
          request.options,
        )
        reply = { type: 'result', job, ms: performance.now() - started, outcome: outcomeOf(result) }
      } catch (error) {
        reply = {
          type: 'error',
          job,
          message:
            error instanceof CompareError
              ? error.message
              : `The comparison failed: ${String(error)}`,
        }
      }
      const transfer =
        reply.type === 'result'
          ? [reply.outcome.left.buffer, reply.outcome.right.buffer, reply.outcome.status.buffer]
          : []
      scope.postMessage(reply, transfer)
      return
    }
    default:
      return request satisfies never
  }
}
