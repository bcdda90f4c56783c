import { randomUUID } from 'node:crypto'
import type { ScenarioTimers } from '#common/scenario/run-scenario.ts'
import type { DynamicSources } from '#common/templates/templates.ts'

/** What a scenario run in this process draws on: Node's clock, timers and randomness. */
export function nodeScenarioEnvironment(): { sources: DynamicSources; timers: ScenarioTimers } {
  let counter = 0
  return {
    sources: {
      nextCounter: () => ++counter,
      uuid: randomUUID,
      now: Date.now,
      random: Math.random,
    },
    timers: {
      now: () => performance.now(),
      setTimeout: (run, ms) => setTimeout(run, ms),
      clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
    },
  }
}
