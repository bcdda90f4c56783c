import { randomUUID } from 'node:crypto'
import { eventsOf, readBatch } from '#common/batch/index.ts'
import {
  ApiError,
  type ConnectionRequest,
  type KeyValueRow,
  type ScenarioEvent,
  type ScenarioStep,
} from '#common/contract/index.ts'
import { runScenario } from '#common/scenario/run-scenario.ts'
import { variableTable } from '#common/templates/templates.ts'
import type { ConnectionManager } from '../connections/connection-manager.ts'
import { createManagerLink } from './manager-link.ts'
import { nodeScenarioEnvironment } from './node-environment.ts'

/**
 * The scenarios running in the app, on its connection manager: their connections show in the app
 * like any other (the view reads and acknowledges their batches), and this control reads the same
 * batches for the scenario's expectations.
 */
export function createScenarioControl(
  manager: ConnectionManager,
  emit: (event: ScenarioEvent) => void,
) {
  const running = new Map<
    string,
    { link: ReturnType<typeof createManagerLink>; stop: AbortController }
  >()

  return {
    start(
      request: ConnectionRequest,
      steps: readonly ScenarioStep[],
      variables: readonly KeyValueRow[],
      /** The session whose runs keep its connections (else they are scratch). */
      keepIn?: string,
    ): { scenarioId: string } {
      if (steps.length === 0)
        throw new ApiError('INVALID_ARGUMENT', 'The scenario has no steps: add one first')
      const scenarioId = randomUUID()
      const link = createManagerLink(manager, request, {
        onConnection: (connectionId) => emit({ scenarioId, type: 'connection', connectionId }),
        keepIn: keepIn ?? null,
      })
      const stop = new AbortController()
      running.set(scenarioId, { link, stop })
      const run = (): Promise<void> =>
        runScenario(steps, {
          link: link.link,
          variables: variableTable([{ scope: 'session', rows: variables }]),
          ...nodeScenarioEnvironment(),
          signal: stop.signal,
          onStep: (result) => emit({ scenarioId, type: 'step', result }),
        })
          .then((report) => emit({ scenarioId, type: 'done', report }))
          .finally(() => running.delete(scenarioId))
      // Started after this call has answered: the caller knows the id before the first event.
      setTimeout(() => void run(), 0)
      return { scenarioId }
    },

    stop(scenarioId: string): void {
      running.get(scenarioId)?.stop.abort()
    },

    /** A batch the manager made: its events go to the scenario whose connection it is. */
    deliver(bytes: Uint8Array): void {
      if (running.size === 0) return
      const batch = readBatch(bytes)
      for (const { link } of running.values())
        if (link.connectionIds.has(batch.connectionId))
          link.deliver(batch.connectionId, eventsOf(batch))
    },

    stopAll(): void {
      for (const { stop } of running.values()) stop.abort()
    },
  }
}
