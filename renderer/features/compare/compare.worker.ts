import {
  checkOptions,
  CompareError,
  compareLogs,
  type CompareOptions,
  type CompareResult,
  type IgnoreRules,
} from '#common/compare/index.ts'
import { buffersOf } from '#common/batch/index.ts'
import { DiagonalPairs } from './diagonal-pairs.ts'
import { SideLog } from './side-log.ts'
import type { SideChunk } from './compare-chunk.ts'
import type { CompareOutcome, CompareReply, CompareRequest } from './compare-protocol.ts'

type Side = 'left' | 'right'

/** Messages per side in the first look: about the first chunk of each (see SIDE_CHUNK). */
const FIRST_LOOK = 2_000

/**
 * A result as the view takes it: the pair columns, to be transferred (views of their whole
 * buffers, which the worker does not read again: copying them out touched 9 MB of fresh memory
 * for a million pairs).
 */
function outcomeOf(result: CompareResult): CompareOutcome {
  const { pairs } = result
  return {
    left: pairs.left,
    right: pairs.right,
    status: pairs.status,
    length: pairs.length,
    summary: result.summary,
    timing: result.timing,
    warnings: result.warnings,
  }
}

const transfersOf = (outcome: CompareOutcome): ArrayBuffer[] => [
  outcome.left.buffer as ArrayBuffer,
  outcome.right.buffer as ArrayBuffer,
  outcome.status.buffer as ArrayBuffer,
]

/** The worker's global scope (the DOM library's `self` is typed as a window). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<CompareRequest>) => void) | null
  postMessage(message: CompareReply, transfer: Transferable[]): void
}

/** One comparison: both sides' messages as they arrive, and what is already known of them. */
class Job {
  readonly left = new SideLog()
  readonly right = new SideLog()
  readonly done = { left: false, right: false }
  readonly began = performance.now()
  /** Null where the options cannot be used: the full comparison says why. */
  readonly #rules: IgnoreRules | null
  /** Aligned by position, the pairs are judged as the messages arrive. */
  readonly #diagonal: DiagonalPairs | null
  #looked = false
  /** A first look is on its way to the page: judging waits until the page has drawn it. */
  #showing = false

  readonly id: number
  readonly options: CompareOptions

  constructor(id: number, options: CompareOptions) {
    this.id = id
    this.options = options
    this.#rules = rulesOrNull(options)
    this.#diagonal = options.align === 'position' && this.#rules ? new DiagonalPairs() : null
  }

  /** Takes a side's chunk in; its block comes back once the worker is done with it. */
  take(side: Side, chunk: SideChunk): void {
    this[side].add(chunk)
    if (!this.#diagonal) scope.postMessage({ type: 'taken', job: this.id, side, block: null }, [])
    this.#advance()
  }

  sideDone(side: Side): void {
    this.done[side] = true
    this.#advance()
  }

  /** The page has drawn the first look: judging goes on. */
  shown(): void {
    this.#showing = false
    this.#advance()
  }

  /**
   * Judges what both sides now have and gives back the blocks it will not read again (the page
   * copies its next rows into them: fresh memory costs more to touch than to copy into), then
   * shows a first look once both sides have one.
   */
  #advance(): void {
    if (this.#showing) return
    const diagonal = this.#diagonal
    if (diagonal && this.#rules) {
      diagonal.advance(this.left, this.right, this.#rules)
      for (const [side, other] of [
        ['left', 'right'],
        ['right', 'left'],
      ] as const) {
        // Past the other side's end, a side's messages stand alone: none is read again.
        const past = this.done[other] && diagonal.judged >= this[other].length
        for (const block of this[side].release(past ? Infinity : diagonal.judged))
          scope.postMessage({ type: 'taken', job: this.id, side, block }, buffersOf(block))
      }
    }
    this.#firstLook()
  }

  compare(skipped: { left: number; right: number }): CompareResult {
    return compareLogs(
      { messages: this.left, skipped: skipped.left },
      { messages: this.right, skipped: skipped.right },
      this.options,
      this.#diagonal?.known,
    )
  }

  /** The first messages of each side, compared at once: the view has something within moments. */
  #firstLook(): void {
    const ready = (have: number, sideDone: boolean) => sideDone || have >= FIRST_LOOK
    if (this.#looked || this.#rules === null) return
    if (!ready(this.left.length, this.done.left) || !ready(this.right.length, this.done.right))
      return
    this.#looked = true
    if (this.done.left && this.done.right) return // the whole is as quick as a look
    const outcome = outcomeOf(this.compare({ left: 0, right: 0 }))
    const compared = this.left.length + this.right.length
    scope.postMessage({ type: 'partial', job: this.id, outcome, compared }, transfersOf(outcome))
    this.#showing = true
  }
}

function rulesOrNull(options: CompareOptions): IgnoreRules | null {
  try {
    return checkOptions(options)
  } catch {
    return null
  }
}

let job: Job | null = null

scope.onmessage = (event: MessageEvent<CompareRequest>) => {
  const request = event.data
  if (request.type === 'begin') {
    job = new Job(request.job, request.options)
    return
  }
  if (request.job !== job?.id) return
  switch (request.type) {
    case 'side-done':
      job.sideDone(request.side)
      return
    case 'chunk':
      job.take(request.side, request.chunk)
      return
    case 'shown':
      job.shown()
      return
    case 'compare': {
      let reply: CompareReply
      try {
        const outcome = outcomeOf(job.compare(request.skipped))
        reply = { type: 'result', job: job.id, ms: performance.now() - job.began, outcome }
      } catch (error) {
        reply = {
          type: 'error',
          job: job.id,
          message:
            error instanceof CompareError
              ? error.message
              : `The comparison failed: ${String(error)}`,
        }
      }
      scope.postMessage(reply, reply.type === 'result' ? transfersOf(reply.outcome) : [])
      return
    }
    default:
      return request satisfies never
  }
}
