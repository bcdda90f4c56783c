import type { MessageEvent, MessageKind } from '../contract/connections.ts'
import type { TextBytes } from './text-bytes.ts'

/** How two logs are lined up: n-th against n-th, by arrival time, or by a key in each message. */
export type AlignMode = 'position' | 'time' | 'key'

/** What an aligned pair is. */
export type PairStatus = 'equal' | 'changed' | 'only-left' | 'only-right'

export const PAIR_STATUSES: readonly PairStatus[] = ['equal', 'changed', 'only-left', 'only-right']

/** How to compare: saved with a comparison, taken by `compare` on the command line. */
export interface CompareOptions {
  align: AlignMode
  /** Key expressions (see json-path.ts), per side; `key` alignment needs both. */
  keyLeft?: string
  keyRight?: string
  /** Paths (`$.ts`, `$..uuid`) or regexes (`/[0-9a-f-]{36}/`) whose differences do not count. */
  ignore: string[]
  /** Message directions compared (default: both). */
  directions: ('in' | 'out')[]
  /** Message kinds compared (default: the data kinds: text, binary, SSE events). */
  kinds: MessageKind[]
  /** Time alignment: the most two arrivals, relative to each log's first, may differ to pair. */
  toleranceMs: number
}

export const DEFAULT_COMPARE_OPTIONS: CompareOptions = {
  align: 'position',
  ignore: [],
  directions: ['in', 'out'],
  kinds: ['text', 'binary', 'sse-event'],
  toleranceMs: 250,
}

/** The messages a comparison looks at: a log's message events, after the direction and kind filters. */
export type ComparedMessage = Pick<
  MessageEvent,
  'seq' | 'ts' | 'direction' | 'kind' | 'size' | 'data' | 'base64' | 'event' | 'id' | 'lastEventId'
>

/** A side's messages by position: an array, or a view that decodes them as asked. */
export interface MessageList {
  readonly length: number
  at(index: number): ComparedMessage | undefined
}

/**
 * A side's messages as a comparison reads them: each decoded when read (a log of a million
 * messages need not be a million objects), and their arrival times without decoding them.
 */
export interface ComparedLog extends MessageList {
  at(index: number): ComparedMessage
  tsAt(index: number): number
  /**
   * Where the log holds the text of message `index` as UTF-8, when its payload compares as a text
   * message's (a text message, or an SSE event without an event type or id): fills `into` and
   * returns true, and the pair is judged without decoding it; else false.
   */
  textAt?(index: number, into: TextBytes): boolean
}

/** Messages already decoded, as a comparison reads them. */
export function logOfMessages(messages: readonly ComparedMessage[]): ComparedLog {
  return {
    length: messages.length,
    at: (index) => messages[index]!,
    tsAt: (index) => messages[index]!.ts,
  }
}

/** Inter-arrival statistics of one side, in milliseconds. */
export interface SideTiming {
  messages: number
  /** Messages per second over the span from the first to the last. */
  rate: number
  spanMs: number
  gapP50: number
  gapP95: number
  gapP99: number
  maxGap: number
  /** Index (in the side's messages) of the message after the largest gap. */
  maxGapAt: number | null
}

/** Right minus left arrival of the pairs with both sides, in milliseconds. */
export interface LatencyTiming {
  pairs: number
  p50: number
  p95: number
  p99: number
  max: number
  /** Up to a few hundred [left ts − first left ts, latency] points, for a chart. */
  series: [number, number][]
}

export interface CompareSummary {
  equal: number
  changed: number
  onlyLeft: number
  onlyRight: number
  /** Position (in the pairs) of the first pair that is not equal, or null. */
  firstDifference: number | null
}

/** The aligned pairs, as columns: left and right indices (−1 for none) and each one's status. */
export interface AlignedPairs {
  left: Int32Array
  right: Int32Array
  status: Uint8Array
  length: number
}
