import type { RowBlock } from '#common/batch/index.ts'
import type { SideChunk } from './compare-chunk.ts'
import type {
  CompareOptions,
  CompareSummary,
  LatencyTiming,
  SideTiming,
} from '#common/compare/index.ts'

/** The compare worker's messages: messages sent in chunks (no long task), then one compare. */
export type CompareRequest =
  /** A comparison begins; its options let the worker take a first look before the end. */
  | { type: 'begin'; job: number; options: CompareOptions }
  | { type: 'chunk'; job: number; side: 'left' | 'right'; chunk: SideChunk }
  /** A side has sent all its messages. */
  | { type: 'side-done'; job: number; side: 'left' | 'right' }
  | { type: 'compare'; job: number; skipped: { left: number; right: number } }
  /**
   * The page has drawn the first look. Until then the worker holds back from judging, leaving
   * the page the processor for its first paint of the comparison.
   */
  | { type: 'shown'; job: number }

/** What a comparison found, as the view holds it: the pairs as columns (transferred, not copied). */
export interface CompareOutcome {
  left: Int32Array
  right: Int32Array
  status: Uint8Array
  length: number
  summary: CompareSummary
  timing: { left: SideTiming; right: SideTiming; latency: LatencyTiming | null }
  warnings: string[]
}

export type CompareReply =
  /** `ms`: from the comparison's beginning (its first messages on their way) to its result. */
  | { type: 'result'; job: number; outcome: CompareOutcome; ms: number }
  /** A first look: the messages that arrived first, compared while the rest are on their way. */
  | { type: 'partial'; job: number; outcome: CompareOutcome; compared: number }
  | { type: 'error'; job: number; message: string }
  /**
   * A side's chunk, taken in. Its block comes back once the worker will not read it again (to be
   * written over), or null while the worker keeps it.
   */
  | { type: 'taken'; job: number; side: 'left' | 'right'; block: RowBlock | null }
