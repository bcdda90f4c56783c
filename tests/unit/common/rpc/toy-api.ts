import { ApiError, describeValue, noArgs, type ArgsGuard } from '#common/contract/index.ts'
import {
  createEventHub,
  createInMemoryTransportPair,
  createRpcClient,
  serveRpc,
  type ApiGuards,
  type ServeRpcOptions,
} from '#common/rpc/index.ts'

/** A small API that exercises the RPC core's paths without the app behind it. */
export interface ToyApi {
  add(a: number, b: number): Promise<number>
  fail(code: 'TIMEOUT' | 'INTERNAL'): Promise<never>
  crash(): Promise<never>
  hang(): Promise<never>
  unserializable(): Promise<unknown>
}

export interface ToyEvents {
  tick: { n: number }
}

const twoNumbers: ArgsGuard<[number, number]> = (method, args) => {
  const [a, b] = args
  if (args.length !== 2 || typeof a !== 'number' || typeof b !== 'number') {
    throw new ApiError(
      'INVALID_ARGUMENT',
      `${method}() takes two numbers, got ${describeValue(args)}`,
    )
  }
  return [a, b]
}

export const toyGuards: ApiGuards<ToyApi> = {
  add: twoNumbers,
  fail: (_method, args) => [args[0] as 'TIMEOUT' | 'INTERNAL'],
  crash: noArgs,
  hang: noArgs,
  unserializable: noArgs,
}

export const toyApi: ToyApi = {
  add: (a, b) => Promise.resolve(a + b),
  fail: (code) => Promise.reject(new ApiError(code, `failed on purpose with ${code}`)),
  crash: () => Promise.reject(new TypeError('boom')),
  hang: () => new Promise<never>(() => {}),
  unserializable: () => Promise.resolve({ big: 1n }),
}

/** A toy server and client joined by an in-memory transport pair. */
export function connectToy(options: { timeoutMs?: number; serve?: ServeRpcOptions } = {}) {
  const [serverEnd, clientEnd] = createInMemoryTransportPair()
  const events = createEventHub<ToyEvents>()
  const stopServing = serveRpc(toyGuards, toyApi, events, serverEnd, options.serve)
  const client = createRpcClient<ToyApi, ToyEvents>(
    Object.keys(toyGuards) as (keyof ToyApi)[],
    clientEnd,
    { timers: globalThis, timeoutMs: options.timeoutMs ?? 2_000 },
  )
  return { client, events, serverEnd, clientEnd, stopServing }
}
