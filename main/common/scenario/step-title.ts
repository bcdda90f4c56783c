import type { ScenarioStep } from '../contract/scenario.ts'
import { compileCondition, ScenarioInputError } from './conditions.ts'

/** A step in a few words, for reports and the step list: `expect $.type = "pong" within 1000 ms`. */
export function stepTitle(step: ScenarioStep): string {
  switch (step.type) {
    case 'connect':
      return 'connect'
    case 'send':
      return `send ${step.mode === 'text' ? '' : `${step.mode} `}${short(step.text)}`
    case 'wait':
      return `wait ${step.ms} ms`
    case 'expect':
      return `expect ${conditionTitle(step.condition)} within ${step.withinMs} ms${
        step.capture ? `, capture ${step.capture.path} as ${step.capture.variable}` : ''
      }`
    case 'expect-none':
      return `expect no ${conditionTitle(step.condition)} for ${step.withinMs} ms`
    case 'repeat':
      return `repeat ${step.times} times (${step.steps.length} steps)`
    case 'disconnect':
      return step.code === undefined ? 'disconnect' : `disconnect with ${step.code}`
    default:
      return step satisfies never
  }
}

function conditionTitle(condition: Parameters<typeof compileCondition>[0]): string {
  try {
    return compileCondition(condition).title
  } catch (error) {
    if (error instanceof ScenarioInputError) return `(${error.message})`
    throw error
  }
}

function short(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > 48 ? `${line.slice(0, 48)}…` : line
}
