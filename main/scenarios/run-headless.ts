import { eventsOf, readBatch } from '#common/batch/index.ts'
import type {
  ConnectionRequest,
  ScenarioReport,
  ScenarioStep,
  ScenarioStepResult,
} from '#common/contract/index.ts'
import { runScenario } from '#common/scenario/run-scenario.ts'
import type { VariableTable } from '#common/templates/templates.ts'
import { createConnectionManager } from '../connections/connection-manager.ts'
import { createManagerLink } from './manager-link.ts'
import { nodeScenarioEnvironment } from './node-environment.ts'

/**
 * Runs a scenario in this process, on a connection manager of its own (the `run` command, and
 * tests): every batch is read and acknowledged at once, so the stream never waits on a view.
 */
export async function runScenarioHeadless(
  request: ConnectionRequest,
  steps: readonly ScenarioStep[],
  options: {
    variables: VariableTable
    connectTimeoutMs?: number
    onStep?: (result: ScenarioStepResult) => void
  },
): Promise<ScenarioReport> {
  const manager = createConnectionManager({
    onSnapshot: () => {},
    onBatch: (bytes) => {
      const batch = readBatch(bytes)
      link.deliver(batch.connectionId, eventsOf(batch))
      manager.ack(batch.connectionId, batch.batch)
    },
  })
  const link = createManagerLink(manager, request)
  try {
    return await runScenario(steps, {
      link: link.link,
      variables: options.variables,
      ...nodeScenarioEnvironment(),
      ...(options.connectTimeoutMs !== undefined
        ? { connectTimeoutMs: options.connectTimeoutMs }
        : {}),
      ...(options.onStep ? { onStep: options.onStep } : {}),
    })
  } finally {
    manager.closeAll()
  }
}
