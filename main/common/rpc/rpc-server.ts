import { ApiError, type ApiErrorData } from '../contract/errors.ts'
import type { ApiGuards, ApiShape } from './api-shape.ts'
import type { EventHub } from './event-hub.ts'
import { decodeMessage, encodeEvent, encodeMessage, type RpcMessage } from './messages.ts'
import type { Transport } from './transport.ts'

export interface ServeRpcOptions {
  /** Told of every error that was not an `ApiError` (a bug), before the client gets INTERNAL. */
  onInternalError?: (error: unknown, method: string) => void
}

/**
 * Answers calls arriving on `transport` with `api`, after checking each method against the
 * allowlist and its arguments against the guard, and pushes every event of `events`.
 * Returns the function that stops serving this transport.
 */
export function serveRpc<Api extends ApiShape<Api>, Events>(
  guards: ApiGuards<Api>,
  api: Api,
  events: EventHub<Events> | null,
  transport: Transport,
  options: ServeRpcOptions = {},
): () => void {
  const stopMessages = transport.onMessage((text) => {
    const message = decodeMessage(text)
    if (message?.kind === 'call') void answer(message)
  })
  const stopEvents = events?.subscribe(({ name, payload }) =>
    transport.send(encodeEvent(name, payload)),
  )

  async function answer({
    id,
    method,
    args,
  }: Extract<RpcMessage, { kind: 'call' }>): Promise<void> {
    let reply: string
    try {
      const value = await invoke(method, args)
      reply = encodeMessage({ kind: 'return', id, value })
    } catch (error) {
      reply = encodeMessage({ kind: 'throw', id, error: toErrorData(error, method) })
    }
    transport.send(reply)
  }

  function invoke(method: string, args: unknown[]): Promise<unknown> {
    if (!Object.hasOwn(guards, method)) {
      throw new ApiError('UNKNOWN_METHOD', `"${method}" is not a method of the API`)
    }
    const name = method as keyof Api
    const checkedArgs = guards[name](method, args)
    const implementation = api[name] as unknown as (...args: unknown[]) => Promise<unknown>
    return implementation.apply(api, checkedArgs)
  }

  function toErrorData(error: unknown, method: string): ApiErrorData {
    if (error instanceof ApiError) return error.toData()
    options.onInternalError?.(error, method)
    const detail = error instanceof Error ? error.message : String(error)
    return { code: 'INTERNAL', message: `${method}() failed unexpectedly: ${detail}` }
  }

  return () => {
    stopMessages()
    stopEvents?.()
  }
}
