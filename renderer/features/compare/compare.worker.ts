import {
  CompareError,
  compareLogs,
  type ComparedMessage,
  type CompareOptions,
  type CompareResult,
} from '#common/compare/index.ts'
import { buffersOf } from '#common/batch/index.ts'
import { decodeSideChunk } from './compare-chunk.ts'
import type { CompareOutcome, CompareReply, CompareRequest } from './compare-protocol.ts'

/** Messages per side in the first look: the first chunk of each. */
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
let options: CompareOptions | null = null
const done = { left: false, right: false }
let looked = false

/** The first chunk of each side, compared at once: the view has something within moments. */
function maybeFirstLook(): void {
  if (looked || options === null) return
  const ready = (have: number, sideDone: boolean) => sideDone || have >= FIRST_LOOK
  if (!ready(left.length, done.left) || !ready(right.length, done.right)) return
  looked = true
  if (done.left && done.right) return // the whole is as quick as a look
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
      options = request.options
      done.left = false
      done.right = false
      looked = false
      return
    case 'side-done':
      if (request.job !== job) return
      done[request.side] = true
      maybeFirstLook()
      return
    case 'chunk':
      if (request.job !== job) return
      decodeSideChunk(request.chunk, request.side === 'left' ? left : right)
      scope.postMessage({ type: 'spare', side: request.side, block: request.chunk.block }, [
        ...buffersOf(request.chunk.block),
      ])
      maybeFirstLook()
      return
    case 'compare': {
      if (request.job !== job || options === null) return
      const started = performance.now()
      let reply: CompareReply
      try {
        const result = compareLogs(
          { messages: left, skipped: request.skipped.left },
          { messages: right, skipped: request.skipped.right },
          options,
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
