import type { CompareOptions } from '../compare/compare-types.ts'
import {
  arrayOf,
  integer,
  literal,
  nullable,
  object,
  oneOf,
  optional,
  string,
  tagged,
  type Check,
} from './checks.ts'

/**
 * One side of a comparison: a tab of the workspace (live; it keeps updating), a recorded run, or
 * a file read in the app (not kept: it is asked for again after a restart).
 */
export type CompareSourceRef =
  | { kind: 'tab'; tabId: string; label: string }
  | { kind: 'run'; runId: number; sessionId: string; label: string }
  | { kind: 'file'; label: string }

/** What a compare tab compares and how: kept with the workspace, saved with a session. */
export interface ComparisonSpec {
  left: CompareSourceRef | null
  right: CompareSourceRef | null
  options: CompareOptions
}

/** A comparison saved with a session, to reopen. */
export interface SavedComparison {
  id: string
  sessionId: string
  name: string
  spec: ComparisonSpec
  updatedAt: number
}

export interface SavedComparisonInput {
  id?: string
  name: string
  spec: ComparisonSpec
}

const MESSAGE_KINDS = [
  'text',
  'binary',
  'sse-event',
  'sse-comment',
  'sse-retry',
  'ping',
  'pong',
] as const

export const compareOptions: Check<CompareOptions> = object<CompareOptions>({
  align: oneOf(['position', 'time', 'key']),
  keyLeft: optional(string),
  keyRight: optional(string),
  ignore: arrayOf(string, 200),
  directions: arrayOf(oneOf(['in', 'out']), 2),
  kinds: arrayOf(oneOf(MESSAGE_KINDS), MESSAGE_KINDS.length),
  toleranceMs: integer(0, 86_400_000),
})

export const compareSourceRef: Check<CompareSourceRef> = tagged<CompareSourceRef, 'kind'>('kind', {
  tab: object({ kind: literal('tab'), tabId: string, label: string }),
  run: object({
    kind: literal('run'),
    runId: integer(1, Number.MAX_SAFE_INTEGER),
    sessionId: string,
    label: string,
  }),
  file: object({ kind: literal('file'), label: string }),
})

export const comparisonSpec: Check<ComparisonSpec> = object<ComparisonSpec>({
  left: nullable(compareSourceRef),
  right: nullable(compareSourceRef),
  options: compareOptions,
})

export const savedComparisonInput: Check<SavedComparisonInput> = object<SavedComparisonInput>({
  id: optional(string),
  name: string,
  spec: comparisonSpec,
})
