import { APP_API_METHODS, appApiGuards, type AppApi, type AppEvents } from '../contract/app-api.ts'
import type { EventHub } from './event-hub.ts'
import { createRpcClient, type RpcClient, type RpcClientOptions } from './rpc-client.ts'
import { serveRpc, type ServeRpcOptions } from './rpc-server.ts'
import type { Transport } from './transport.ts'

/** The app's API as a client sees it: every AppApi method, plus `on` for AppEvents. */
export type ApiClient = RpcClient<AppApi, AppEvents>

/** Serves `api` and its `events` over one transport; returns the function that stops serving it. */
export function serveApi(
  api: AppApi,
  events: EventHub<AppEvents>,
  transport: Transport,
  options?: ServeRpcOptions,
): () => void {
  return serveRpc(appApiGuards, api, events, transport, options)
}

/** A typed AppApi client over one transport. */
export function createApiClient(
  transport: Transport,
  options: RpcClientOptions<AppApi>,
): ApiClient {
  return createRpcClient<AppApi, AppEvents>(APP_API_METHODS, transport, options)
}
