import type {
  MessageEvent,
  ScenarioCondition,
  ScenarioConditionKind,
  ScenarioStep,
  ScenarioStepType,
} from '#common/contract/index.ts'

export const STEP_TYPES: readonly { type: ScenarioStepType; label: string }[] = [
  { type: 'connect', label: 'Connect' },
  { type: 'send', label: 'Send' },
  { type: 'expect', label: 'Expect a message' },
  { type: 'expect-none', label: 'Expect no message' },
  { type: 'wait', label: 'Wait' },
  { type: 'repeat', label: 'Repeat' },
  { type: 'disconnect', label: 'Disconnect' },
]

export const CONDITION_KINDS: readonly { kind: ScenarioConditionKind; label: string }[] = [
  { kind: 'json-equals', label: 'JSONPath equals' },
  { kind: 'json-exists', label: 'JSONPath exists' },
  { kind: 'json-matches', label: 'JSONPath matches regex' },
  { kind: 'text-contains', label: 'Text contains' },
  { kind: 'text-matches', label: 'Text matches regex' },
  { kind: 'event-name', label: 'SSE event name' },
  { kind: 'binary-length', label: 'Binary length' },
  { kind: 'close-code', label: 'Close code' },
  { kind: 'any', label: 'Any message' },
]

type ExpectStep = Extract<ScenarioStep, { type: 'expect' }>

/** How long an expectation waits unless told otherwise. */
export const DEFAULT_WITHIN_MS = 2000

/** A new step of `type`, with the values a user would start from. */
export function newStep(type: ScenarioStepType): ScenarioStep {
  switch (type) {
    case 'connect':
      return { type }
    case 'send':
      return { type, mode: 'text', text: '' }
    case 'wait':
      return { type, ms: 500 }
    case 'expect':
      return { type, condition: newCondition('text-contains'), withinMs: DEFAULT_WITHIN_MS }
    case 'expect-none':
      return { type, condition: newCondition('text-contains'), withinMs: 500 }
    case 'repeat':
      return { type, times: 3, steps: [] }
    case 'disconnect':
      return { type }
    default:
      return type satisfies never
  }
}

/** A condition of `kind`, keeping what can be kept of `from` (its path, its text). */
export function newCondition(
  kind: ScenarioConditionKind,
  from?: ScenarioCondition,
): ScenarioCondition {
  const path = from && 'path' in from ? from.path : '$.type'
  switch (kind) {
    case 'json-equals':
      return { kind, path, value: '' }
    case 'json-exists':
      return { kind, path }
    case 'json-matches':
      return { kind, path, pattern: '' }
    case 'text-contains':
      return { kind, text: from?.kind === 'text-matches' ? from.pattern : '' }
    case 'text-matches':
      return { kind, pattern: from?.kind === 'text-contains' ? from.text : '' }
    case 'event-name':
      return { kind, name: 'message' }
    case 'binary-length':
      return { kind, length: 0 }
    case 'close-code':
      return { kind, code: 1000 }
    case 'any':
      return { kind }
    default:
      return kind satisfies never
  }
}

/** Keys a JSON message is usually told apart by, tried first for "Expect this". */
const TELLING_KEYS = ['type', 'event', 'op', 'action', 'kind', 'status', 'method']

/**
 * An expectation that the message `row` would satisfy: its SSE event name, a telling JSON field
 * (`$.type = "pong"`), a binary message's length, else the start of its text.
 */
export function expectationFor(row: MessageEvent): ExpectStep {
  const expect = (condition: ScenarioCondition): ExpectStep => ({
    type: 'expect',
    condition,
    withinMs: DEFAULT_WITHIN_MS,
  })
  if (row.kind === 'binary') return expect({ kind: 'binary-length', length: row.size })
  if (row.kind === 'sse-event' && row.event !== undefined && row.event !== 'message')
    return expect({ kind: 'event-name', name: row.event })
  const text = row.data ?? ''
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return expect({ kind: 'text-contains', text: text.slice(0, 60) })
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const entries = Object.entries(value)
    const scalar = ([, field]: [string, unknown]) =>
      typeof field === 'string' || typeof field === 'number' || typeof field === 'boolean'
    const telling =
      entries.find(([key, field]) => TELLING_KEYS.includes(key) && scalar([key, field])) ??
      entries.find(scalar)
    if (telling)
      return expect({
        kind: 'json-equals',
        path: /^[A-Za-z_$][\w$]*$/.test(telling[0]) ? `$.${telling[0]}` : `$['${telling[0]}']`,
        value: JSON.stringify(telling[1]),
      })
    if (entries[0]) return expect({ kind: 'json-exists', path: `$.${entries[0][0]}` })
  }
  return expect({ kind: 'text-contains', text: text.slice(0, 60) })
}

/** The variables a scenario's expectations capture, repeats included. */
export function capturedNames(steps: readonly ScenarioStep[]): string[] {
  return steps.flatMap((step) =>
    step.type === 'expect' && step.capture
      ? [step.capture.variable]
      : step.type === 'repeat'
        ? capturedNames(step.steps)
        : [],
  )
}
