import type { ScenarioCondition, ScenarioStep } from '../contract/scenario.ts'
import { POSTMAN_NAMES } from '../templates/templates.ts'
import { compileCondition, jsonPath, ScenarioInputError } from './conditions.ts'

/*
 * A scenario's steps as the exported scripts' runtime reads them (runtime-core.ts): plain data,
 * JSONPaths parsed, each condition's title written, names in sends made the app's own.
 */

/** `{{$guid}}` as `{{uuid}}`: the names the runtime fills. */
export function ownNames(text: string): string {
  return text.replace(/\{\{\s*(\$[\w][\w.-]*)\s*\}\}/g, (whole, name: string) =>
    POSTMAN_NAMES[name] ? `{{${POSTMAN_NAMES[name]}}}` : whole,
  )
}

/** The steps as the processor's runtime reads them (JSONPaths parsed, titles written). */
export function runtimeSteps(steps: readonly ScenarioStep[], prefix = ''): unknown[] {
  return steps.map((step, index) => {
    const path = `${prefix}${index + 1}`
    switch (step.type) {
      case 'expect':
      case 'expect-none':
        return runtimeStep(step, path)
      case 'repeat':
        return { type: 'repeat', times: step.times, steps: runtimeSteps(step.steps, `${path}.`) }
      case 'wait':
        return { type: 'wait', ms: step.ms }
      case 'send':
        return {
          type: 'send',
          mode: step.mode,
          text: step.mode === 'hex' ? step.text.replace(/\s+/g, '') : ownNames(step.text),
        }
      case 'disconnect':
        return { type: 'disconnect', ...(step.code !== undefined ? { code: step.code } : {}) }
      default:
        return { type: step.type }
    }
  })
}

export function runtimeStep(
  step: Extract<ScenarioStep, { type: 'expect' | 'expect-none' }>,
  path: string,
): Record<string, unknown> {
  try {
    return {
      type: step.type,
      title: compileCondition(step.condition).title,
      withinMs: step.withinMs,
      condition: runtimeCondition(step.condition),
      ...(step.type === 'expect' && step.capture
        ? {
            capture: {
              variable: step.capture.variable,
              text: step.capture.path,
              ...pathData(step.capture.path),
            },
          }
        : {}),
    }
  } catch (error) {
    if (error instanceof ScenarioInputError)
      throw new ScenarioInputError(`Step ${path}: ${error.message}`)
    throw error
  }
}

/** A condition with its path parsed and a value typed in the form turned into JSON. */
function runtimeCondition(condition: ScenarioCondition): Record<string, unknown> {
  switch (condition.kind) {
    case 'json-equals': {
      let value: unknown
      try {
        value = JSON.parse(condition.value)
      } catch {
        value = condition.value
      }
      return { kind: condition.kind, path: pathData(condition.path), value }
    }
    case 'json-exists':
      return { kind: condition.kind, path: pathData(condition.path) }
    case 'json-matches':
      return { kind: condition.kind, path: pathData(condition.path), pattern: condition.pattern }
    default:
      return { ...condition }
  }
}

function pathData(text: string): { field?: string; segments?: unknown[] } {
  const parsed = jsonPath(text)
  return parsed.kind === 'field' ? { field: parsed.field } : { segments: parsed.segments }
}
