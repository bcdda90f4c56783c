import {
  arrayOf,
  integer,
  literal,
  object,
  oneOf,
  optional,
  string,
  tagged,
  type Check,
} from './checks.ts'
import type { ComposerMode } from './session.ts'

/**
 * What a received message (or the close) must be for an expectation: a JSONPath in its JSON
 * payload equal to a value, present, or matching a regular expression; its text containing or
 * matching something; its SSE event type; a binary message's length; a close's code.
 */
export type ScenarioCondition =
  | { kind: 'json-equals'; path: string; value: string }
  | { kind: 'json-exists'; path: string }
  | { kind: 'json-matches'; path: string; pattern: string }
  | { kind: 'text-contains'; text: string }
  | { kind: 'text-matches'; pattern: string }
  | { kind: 'event-name'; name: string }
  | { kind: 'binary-length'; length: number }
  | { kind: 'close-code'; code: number }
  | { kind: 'any' }

export type ScenarioConditionKind = ScenarioCondition['kind']

/** One step of a scenario, run in order. */
export type ScenarioStep =
  | { type: 'connect' }
  | { type: 'send'; mode: ComposerMode; text: string }
  | { type: 'wait'; ms: number }
  | {
      type: 'expect'
      condition: ScenarioCondition
      withinMs: number
      /** Keeps a value of the matched message (a JSONPath) as a variable for later steps. */
      capture?: { variable: string; path: string }
    }
  | { type: 'expect-none'; condition: ScenarioCondition; withinMs: number }
  | { type: 'repeat'; times: number; steps: ScenarioStep[] }
  | { type: 'disconnect'; code?: number }

export type ScenarioStepType = ScenarioStep['type']

/** How one step went: `path` names it ("3", or "4.2" inside a repeat, with its round). */
export interface ScenarioStepResult {
  path: string
  /** Which round of the repeats around it (1-based), when inside one. */
  round?: number
  type: ScenarioStepType
  /** The step in words: "expect $.type = "pong" within 1000 ms". */
  title: string
  status: 'passed' | 'failed' | 'skipped'
  durationMs: number
  /** Why it failed, or what satisfied it, in a sentence. */
  detail: string
  /** The sequence number of the event that satisfied or failed it, to find it in the log. */
  seq?: number
}

export interface ScenarioReport {
  passed: boolean
  startedAt: number
  durationMs: number
  steps: ScenarioStepResult[]
  /** The variables captured along the way. */
  captured: Record<string, string>
}

/** What a running scenario tells: a connection it opened, a step's result, its end. */
export type ScenarioEvent =
  | { scenarioId: string; type: 'connection'; connectionId: string }
  | { scenarioId: string; type: 'step'; result: ScenarioStepResult }
  | { scenarioId: string; type: 'done'; report: ScenarioReport }

export const scenarioCondition: Check<ScenarioCondition> = tagged<ScenarioCondition, 'kind'>(
  'kind',
  {
    'json-equals': object({ kind: literal('json-equals'), path: string, value: string }),
    'json-exists': object({ kind: literal('json-exists'), path: string }),
    'json-matches': object({ kind: literal('json-matches'), path: string, pattern: string }),
    'text-contains': object({ kind: literal('text-contains'), text: string }),
    'text-matches': object({ kind: literal('text-matches'), pattern: string }),
    'event-name': object({ kind: literal('event-name'), name: string }),
    'binary-length': object({ kind: literal('binary-length'), length: integer(0, 2 ** 31) }),
    'close-code': object({ kind: literal('close-code'), code: integer(0, 65_535) }),
    any: object({ kind: literal('any') }),
  },
)

/** The longest wait a step may ask for: an hour. */
const MAX_MS = 3_600_000

export const scenarioStep: Check<ScenarioStep> = (value, path) => stepCheck(value, path)

const stepCheck: Check<ScenarioStep> = tagged<ScenarioStep, 'type'>('type', {
  connect: object({ type: literal('connect') }),
  send: object({
    type: literal('send'),
    mode: oneOf(['text', 'json', 'hex', 'base64']),
    text: string,
  }),
  wait: object({ type: literal('wait'), ms: integer(0, MAX_MS) }),
  expect: object({
    type: literal('expect'),
    condition: scenarioCondition,
    withinMs: integer(0, MAX_MS),
    capture: optional(object({ variable: string, path: string })),
  }),
  'expect-none': object({
    type: literal('expect-none'),
    condition: scenarioCondition,
    withinMs: integer(0, MAX_MS),
  }),
  repeat: object({
    type: literal('repeat'),
    times: integer(1, 100_000),
    steps: arrayOf(scenarioStep, 1000),
  }),
  disconnect: object({ type: literal('disconnect'), code: optional(integer(1000, 4999)) }),
})

export const scenarioSteps: Check<ScenarioStep[]> = arrayOf(scenarioStep, 1000)
