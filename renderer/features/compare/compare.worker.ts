import { CompareError, compareLogs, type ComparedMessage } from '#common/compare/index.ts'
import type { CompareReply, CompareRequest } from './compare-protocol.ts'

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

scope.onmessage = (event: MessageEvent<CompareRequest>) => {
  const request = event.data
  switch (request.type) {
    case 'begin':
      job = request.job
      left = []
      right = []
      return
    case 'chunk':
      if (request.job !== job) return
      for (const message of request.messages) (request.side === 'left' ? left : right).push(message)
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
        const { pairs } = result
        reply = {
          type: 'result',
          job,
          ms: performance.now() - started,
          outcome: {
            left: pairs.left.slice(),
            right: pairs.right.slice(),
            status: pairs.status.slice(),
            length: pairs.length,
            summary: result.summary,
            timing: result.timing,
            warnings: result.warnings,
          },
        }
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
