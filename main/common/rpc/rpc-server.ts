import { ApiError, type ApiErrorData } from '../contract/errors.ts'
import type { ApiGuards, ApiShape } from './api-shape.ts'
import type { EventHub } from './event-hub.ts'
import { decodeMessage, encodeEvent, encodeMessage, type RpcMessage } from './messages.ts'
import type { Transport } from './transport.ts'

export interface ServeRpcOptions {
  /** Told of every error that was not an `ApiError` (a bug), before the client gets INTERNAL. */
  onInternalError?: (error: unknown, method: string) => void
  /** The longest call message answered, in characters; longer ones get MESSAGE_TOO_BIG. */
  maxCallChars?: number
}

/** The most one call may carry unless told otherwise: 32 Mi characters (an import, say). */
export const DEFAULT_MAX_CALL_CHARS = 32 * 1024 * 1024

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
  const maxCallChars = options.maxCallChars ?? DEFAULT_MAX_CALL_CHARS
  const stopMessages = transport.onMessage((data) => {
    const decoded = decodeMessage(data)
    if (!decoded.ok) {
      // Answered, so a client with a bug learns what it is; the server goes on serving.
      reject(decoded.id, 'INVALID_MESSAGE', `Not a valid RPC message: ${decoded.problem}`)
    } else if (decoded.message.kind !== 'call') {
      reject(
        null,
        'INVALID_MESSAGE',
        `Not a valid RPC message: the app takes only calls, not a ${decoded.message.kind}`,
      )
    } else if ((data as string).length > maxCallChars) {
      const { id, method } = decoded.message
      reject(
        id,
        'MESSAGE_TOO_BIG',
        `${method}() was sent ${mebibytes((data as string).length)} of arguments; one call takes at most ${mebibytes(maxCallChars)}`,
      )
    } else {
      void answer(decoded.message)
    }
  })

  function reject(id: number | null, code: ApiErrorData['code'], message: string): void {
    transport.send(encodeMessage({ kind: 'throw', id, error: { code, message } }))
  }
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

function mebibytes(chars: number): string {
  return `${(chars / 1024 / 1024).toFixed(1)} Mi characters`
}
