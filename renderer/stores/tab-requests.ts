import type { ConnectionRequest } from '#common/contract/index.ts'
import { toRequest } from '#common/contract/draft-request.ts'
import type { ConnectionTab } from '../features/workspace/workspace-tab.ts'
import type { useVariablesStore } from './variables.ts'

/** A connection tab's texts with their `{{variables}}` filled, and its draft as a request. */
export function createTabRequests(variables: ReturnType<typeof useVariablesStore>) {
  /** Fills `{{variables}}` in the tab's texts: its session's, the environment's, the globals. */
  function textFiller(target: ConnectionTab) {
    return variables.filler(target.draft.variables, {
      nextCounter: () => ++target.counter,
      uuid: () => crypto.randomUUID(),
      now: () => Date.now(),
      random: () => Math.random(),
    })
  }

  /**
   * The tab's draft as a request, its `{{variables}}` filled now: a changed value applies to the
   * next connect. Secret variables' values are named for the host to redact; an unknown name is
   * a problem, not sent as typed.
   */
  function filledRequest(target: ConnectionTab): {
    request: ConnectionRequest
    problem: string | null
  } {
    const filler = textFiller(target)
    const request = toRequest(target.draft, filler.fill)
    if (filler.secrets.length > 0) request.redact = filler.secrets
    return { request, problem: filler.problem }
  }

  return { textFiller, filledRequest }
}
