import { ApiError } from '../contract/errors.ts'
import type { ApiShape, Timers } from './api-shape.ts'
import { decodeMessage, encodeMessage } from './messages.ts'
import type { Transport } from './transport.ts'

export type RpcClient<Api, Events> = Api & {
  /** Adds a listener for one event; returns the function that removes it. */
  on<Name extends keyof Events & string>(
    name: Name,
    listener: (payload: Events[Name]) => void,
  ): () => void
  /** Stops listening and fails every pending and later call with TRANSPORT_CLOSED. */
  close(reason?: string): void
}

export interface RpcClientOptions<Api> {
  timers: Timers
  /** Time limit of a call unless `methodTimeoutsMs` names the method. Default 30 s. */
  timeoutMs?: number
  methodTimeoutsMs?: Partial<Record<keyof Api, number>>
  /** Told when the server could not read something this client sent and had no call to fail. */
  onProtocolError?: (error: ApiError) => void
}

interface PendingCall {
  method: string
  resolve(value: unknown): void
  reject(error: ApiError): void
  timer: unknown
}

const DEFAULT_TIMEOUT_MS = 30_000

/** Builds a client whose methods are the `methods` of `Api`, each a call over `transport`. */
export function createRpcClient<Api extends ApiShape<Api>, Events>(
  methods: readonly (keyof Api & string)[],
  transport: Transport,
  options: RpcClientOptions<Api>,
): RpcClient<Api, Events> {
  const { timers } = options
  const pending = new Map<number, PendingCall>()
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  let nextId = 1
  let closedReason: string | null = null

  const stopMessages = transport.onMessage((data) => {
    const decoded = decodeMessage(data)
    // A client never answers what it cannot read: two peers must not trade errors forever.
    if (!decoded.ok) return
    const message = decoded.message
    switch (message.kind) {
      case 'return':
        takePending(message.id)?.resolve(message.value)
        break
      case 'throw':
        if (message.id !== null) takePending(message.id)?.reject(ApiError.fromData(message.error))
        else options.onProtocolError?.(ApiError.fromData(message.error))
        break
      case 'event':
        dispatch(message.name, message.payload)
        break
      case 'call':
        break
      default:
        return message satisfies never
    }
  })
  const stopClose = transport.onClose?.(() => close('the connection to the app closed'))

  /** The call waiting for answer `id`, taken off the waiting list (its timer stopped). */
  function takePending(id: number): PendingCall | undefined {
    const call = pending.get(id)
    if (call) {
      pending.delete(id)
      timers.clearTimeout(call.timer)
    }
    return call
  }

  function dispatch(name: string, payload: unknown): void {
    let firstError: Error | null = null
    for (const listener of listeners.get(name) ?? []) {
      try {
        listener(payload)
      } catch (error) {
        firstError ??=
          error instanceof Error ? error : new Error(`A "${name}" listener threw`, { cause: error })
      }
    }
    // Every listener ran; the first failure still surfaces where the transport reports errors.
    if (firstError !== null) throw firstError
  }

  function call(method: keyof Api & string, args: unknown[]): Promise<unknown> {
    if (closedReason !== null) {
      return Promise.reject(
        new ApiError('TRANSPORT_CLOSED', `${method}() not sent: ${closedReason}`),
      )
    }
    // JSON has no undefined: a trailing optional argument left out must not arrive as null.
    while (args.length > 0 && args.at(-1) === undefined) args = args.slice(0, -1)
    const id = nextId++
    const timeoutMs = options.methodTimeoutsMs?.[method] ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    return new Promise((resolve, reject) => {
      const timer = timers.setTimeout(() => {
        takePending(id)
        reject(new ApiError('TIMEOUT', `${method}() got no answer within ${timeoutMs} ms`))
      }, timeoutMs)
      pending.set(id, { method, resolve, reject, timer })
      try {
        transport.send(encodeMessage({ kind: 'call', id, method, args }))
      } catch (error) {
        takePending(id)
        const detail = error instanceof Error ? error.message : String(error)
        reject(new ApiError('TRANSPORT_CLOSED', `${method}() could not be sent: ${detail}`))
      }
    })
  }

  function close(reason = 'the client was closed'): void {
    if (closedReason !== null) return
    closedReason = reason
    stopMessages()
    stopClose?.()
    for (const id of [...pending.keys()]) {
      const pendingCall = takePending(id)
      pendingCall?.reject(
        new ApiError('TRANSPORT_CLOSED', `${pendingCall.method}() got no answer: ${reason}`),
      )
    }
    listeners.clear()
  }

  const client: Record<string, unknown> = {
    on(name: string, listener: (payload: unknown) => void) {
      let set = listeners.get(name)
      if (!set) listeners.set(name, (set = new Set()))
      set.add(listener)
      return () => set.delete(listener)
    },
    close,
  }
  for (const method of methods) {
    client[method] = (...args: unknown[]) => call(method, args)
  }
  return client as RpcClient<Api, Events>
}
