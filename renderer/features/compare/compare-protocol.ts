import type {
  ComparedMessage,
  CompareOptions,
  CompareSummary,
  LatencyTiming,
  SideTiming,
} from '#common/compare/index.ts'

/** The compare worker's messages: messages sent in chunks (no long task), then one compare. */
export type CompareRequest =
  | {
      type: 'begin'
      job: number
      /** How many messages each side will send; with the options, a first look is taken early. */
      totals: { left: number; right: number }
      options: CompareOptions
    }
  | { type: 'chunk'; job: number; side: 'left' | 'right'; messages: ComparedMessage[] }
  | {
      type: 'compare'
      job: number
      skipped: { left: number; right: number }
      options: CompareOptions
    }

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
  | { type: 'result'; job: number; outcome: CompareOutcome; ms: number }
  /** A first look: the messages that arrived first, compared while the rest are on their way. */
  | { type: 'partial'; job: number; outcome: CompareOutcome; compared: number }
  | { type: 'error'; job: number; message: string }
