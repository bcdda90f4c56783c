import type { ConnectionEvent, OutgoingMessage } from '../contract/connections.ts'
import { outgoingMessage } from '../contract/draft-request.ts'
import type { ScenarioReport, ScenarioStep, ScenarioStepResult } from '../contract/scenario.ts'
import { expandTemplates, type DynamicSources, type VariableTable } from '../templates/templates.ts'
import {
  compileCondition,
  isExpectable,
  jsonPath,
  ScenarioInputError,
  valuesAt,
  type CompiledCondition,
} from './conditions.ts'
import { stepTitle } from './step-title.ts'

/** The connection a scenario drives; its events come back through the `onEvent` it was made with. */
export interface ScenarioLink {
  /** Opens a connection (again, after a disconnect). */
  connect(): void
  send(message: OutgoingMessage): void
  disconnect(code?: number): void
}

export interface ScenarioTimers {
  now(): number
  setTimeout(run: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export interface RunScenarioOptions {
  /** Makes the link; every event of its connections goes to `onEvent`. */
  link: (onEvent: (event: ConnectionEvent) => void) => ScenarioLink
  /** What `{{name}}` means in a message (the scenario's captures are added on top). */
  variables: VariableTable
  sources: DynamicSources
  timers: ScenarioTimers
  /** How long a connect may take before the step fails. */
  connectTimeoutMs?: number
  /** Each step's result as it is known. */
  onStep?: (result: ScenarioStepResult) => void
  /** Stops the run: the step under way fails as stopped, the rest are skipped. */
  signal?: AbortSignal
}

const DEFAULT_CONNECT_TIMEOUT_MS = 15_000
/** How long a disconnect waits for the close before moving on. */
const CLOSE_WAIT_MS = 5_000

/** A step that failed: its sentence, and the event that showed it, if one did. */
class StepFailure extends Error {
  readonly seq: number | undefined
  constructor(message: string, seq?: number) {
    super(message)
    this.seq = seq
  }
}

/**
 * Runs a scenario's steps in order over one link. Expectations read the received messages in
 * order from a cursor: a match moves the cursor past it, so two expectations need two messages.
 * The first failing step ends the run; the steps after it are reported skipped. The link is
 * closed at the end if a step left it open.
 */
export async function runScenario(
  steps: readonly ScenarioStep[],
  options: RunScenarioOptions,
): Promise<ScenarioReport> {
  const { timers } = options
  const received: ConnectionEvent[] = []
  let cursor = 0
  let open = false
  let wake: (() => void) | null = null
  const link = options.link((event) => {
    if (event.type === 'open') open = true
    if (event.type === 'close') open = false
    if (isExpectable(event) || event.type === 'open' || event.type === 'error') received.push(event)
    wake?.()
  })
  const captured = new Map<string, string>()
  const results: ScenarioStepResult[] = []
  const startedAt = options.sources.now()
  const runStarted = timers.now()
  let failed = false

  const { signal } = options
  signal?.addEventListener('abort', () => wake?.())
  const stopped = (): void => {
    if (signal?.aborted) throw new StepFailure('Stopped before it was done')
  }

  /**
   * Waits for the next event, or `untilMs` (a time from timers.now()); false when time ran out.
   * A stop ends the wait with a StepFailure.
   */
  const nextEvent = async (untilMs: number): Promise<boolean> => {
    stopped()
    const arrived = await new Promise<boolean>((resolve) => {
      const handle = timers.setTimeout(
        () => {
          wake = null
          resolve(false)
        },
        Math.max(0, untilMs - timers.now()),
      )
      wake = () => {
        wake = null
        timers.clearTimeout(handle)
        resolve(true)
      }
    })
    stopped()
    return arrived
  }

  /** Runs a link call; what it throws (a bad URL, a closed socket) fails the step with its sentence. */
  const attempt = (call: () => void): void => {
    try {
      call()
    } catch (error) {
      throw new StepFailure(error instanceof Error ? error.message : String(error))
    }
  }

  /** Waits `ms`, or until stopped (then throws). */
  const sleep = async (ms: number): Promise<void> => {
    const until = timers.now() + ms
    while (await nextEvent(until));
  }

  function table(): VariableTable {
    if (captured.size === 0) return options.variables
    const merged = new Map(options.variables)
    for (const [name, value] of captured)
      merged.set(name, { name, value, secret: false, scope: 'scenario' })
    return merged
  }

  async function connect(): Promise<string> {
    const from = received.length
    attempt(() => link.connect())
    const until = timers.now() + (options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS)
    for (;;) {
      const opened = received.slice(from).find((event) => event.type === 'open')
      if (opened?.type === 'open')
        return `Open: ${opened.handshake.status} ${opened.handshake.statusText}`.trim()
      const since = received.slice(from)
      const error = since.find((event) => event.type === 'error')
      if (error?.type === 'error') throw new StepFailure(error.message, error.seq)
      const closed = since.find((event) => event.type === 'close')
      if (closed) throw new StepFailure('The connection closed before it opened', closed.seq)
      if (!(await nextEvent(until))) throw new StepFailure('The connection did not open in time')
    }
  }

  async function expect(condition: CompiledCondition, withinMs: number): Promise<ConnectionEvent> {
    const until = timers.now() + withinMs
    for (;;) {
      for (; cursor < received.length; cursor++) {
        const event = received[cursor]!
        if (event.type === 'message' || event.type === 'close') {
          if (condition.test(event)) {
            cursor++
            return event
          }
        }
      }
      if (!(await nextEvent(until)))
        throw new StepFailure(`No message matched ${condition.title} within ${withinMs} ms`)
    }
  }

  async function expectNone(condition: CompiledCondition, withinMs: number): Promise<void> {
    const until = timers.now() + withinMs
    for (;;) {
      for (let i = cursor; i < received.length; i++) {
        const event = received[i]!
        if ((event.type === 'message' || event.type === 'close') && condition.test(event))
          throw new StepFailure(`A message matched ${condition.title}`, event.seq)
      }
      if (!(await nextEvent(until))) return
    }
  }

  async function runStep(step: ScenarioStep, path: string): Promise<string> {
    switch (step.type) {
      case 'connect':
        return connect()
      case 'send': {
        const fill =
          step.mode === 'text' || step.mode === 'json'
            ? expandTemplates(step.text, table(), options.sources)
            : { text: step.text, unknown: [] }
        if (fill.unknown.length > 0)
          throw new ScenarioInputError(
            `{{${fill.unknown[0]}}} is not defined: no variable or earlier capture has that name`,
          )
        if (!open) throw new StepFailure('Not connected: add a connect step before it')
        attempt(() => link.send(outgoingMessage(step.mode, fill.text)))
        return `Sent ${fill.text.length > 60 ? `${fill.text.slice(0, 60)}…` : fill.text}`
      }
      case 'wait':
        await sleep(step.ms)
        return `Waited ${step.ms} ms`
      case 'expect': {
        const condition = compileCondition(step.condition)
        const capturePath = step.capture ? jsonPath(step.capture.path) : null
        const event = await expect(condition, step.withinMs)
        if (step.capture && capturePath) {
          const [value] = valuesAt(event, capturePath)
          if (value === undefined)
            throw new StepFailure(
              `The message matched, but ${step.capture.path} is not in it: nothing to capture as ${step.capture.variable}`,
              event.seq,
            )
          captured.set(
            step.capture.variable,
            typeof value === 'string' ? value : JSON.stringify(value),
          )
        }
        return event.type === 'message'
          ? `Matched message #${event.seq}`
          : `Matched the close (#${event.seq})`
      }
      case 'expect-none': {
        await expectNone(compileCondition(step.condition), step.withinMs)
        return `Nothing matched for ${step.withinMs} ms`
      }
      case 'repeat':
        for (let index = 1; index <= step.times; index++) {
          await runSteps(step.steps, `${path}.`, index)
          if (failed) throw new StepFailure(`Round ${index} of ${step.times} failed`)
        }
        return `${step.times} rounds`
      case 'disconnect': {
        if (!open) return 'Already closed'
        link.disconnect(step.code)
        const until = timers.now() + CLOSE_WAIT_MS
        while (open && (await nextEvent(until)));
        return open ? 'Closed (no close frame came back)' : 'Closed'
      }
      default:
        return step satisfies never
    }
  }

  async function runSteps(list: readonly ScenarioStep[], prefix: string, round?: number) {
    for (const [index, step] of list.entries()) {
      const path = `${prefix}${index + 1}`
      const title = stepTitle(step)
      if (failed) {
        report({
          path,
          round,
          type: step.type,
          title,
          status: 'skipped',
          durationMs: 0,
          detail: '',
        })
        continue
      }
      const started = timers.now()
      try {
        stopped()
        const detail = await runStep(step, path)
        // A repeat's own line comes after its steps.
        report({
          path,
          round,
          type: step.type,
          title,
          status: 'passed',
          durationMs: timers.now() - started,
          detail,
          ...seqOf(step),
        })
      } catch (error) {
        if (!(error instanceof StepFailure || error instanceof ScenarioInputError)) throw error
        failed = true
        report({
          path,
          round,
          type: step.type,
          title,
          status: 'failed',
          durationMs: timers.now() - started,
          detail:
            error instanceof ScenarioInputError ? `Step ${path}: ${error.message}` : error.message,
          ...(error instanceof StepFailure && error.seq !== undefined ? { seq: error.seq } : {}),
        })
      }
    }
  }

  /** The event a passed expectation matched: the one before the cursor. */
  function seqOf(step: ScenarioStep): { seq?: number } {
    if (step.type !== 'expect') return {}
    const event = received[cursor - 1]
    return event ? { seq: event.seq } : {}
  }

  function report(result: ScenarioStepResult): void {
    if (result.round === undefined) delete result.round
    results.push(result)
    options.onStep?.(result)
  }

  await runSteps(steps, '')
  if (open) {
    link.disconnect(1000)
    const until = timers.now() + CLOSE_WAIT_MS
    try {
      while (open && (await nextEvent(until)));
    } catch {
      // Stopped while closing: the close goes on without us.
    }
  }
  return {
    passed: !failed,
    startedAt,
    durationMs: timers.now() - runStarted,
    steps: results,
    captured: Object.fromEntries(captured),
  }
}
