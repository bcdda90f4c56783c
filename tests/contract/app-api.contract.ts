import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ApiError } from '#common/contract/index.ts'
import {
  createApiClient,
  createRpcClient,
  type ApiClient,
  type Transport,
} from '#common/rpc/index.ts'
import packageJson from '../../package.json' with { type: 'json' }

export interface ContractConnection {
  /** A transport connected to a served AppApi. */
  transport: Transport
  close(): Promise<void>
}

/**
 * The AppApi behaviour every transport must deliver, registered once per transport (the in-memory
 * pair, the browser host's WebSocket, and Electron IPC where it can run).
 */
export function registerAppApiContract(
  transportName: string,
  connect: () => Promise<ContractConnection>,
): void {
  describe(`AppApi over ${transportName}`, () => {
    let connection: ContractConnection
    let api: ApiClient

    beforeEach(async () => {
      connection = await connect()
      api = createApiClient(connection.transport, { timers: globalThis, timeoutMs: 5_000 })
    })

    afterEach(async () => {
      api.close()
      await connection.close()
    })

    describe('getAppInfo', () => {
      it('names the product and its version from package.json', async () => {
        const info = await api.getAppInfo()
        expect(info).toMatchObject({
          name: 'realtime-playground',
          productName: 'Realtime Playground',
          version: packageJson.version,
        })
      })

      it('tells the shell and the Node version of the host', async () => {
        const info = await api.getAppInfo()
        expect(info.shell).toBe('browser')
        expect(info.versions.node).toBe(process.versions.node)
        expect(info.versions.electron).toBeNull()
      })

      it('refuses arguments with INVALID_ARGUMENT', async () => {
        const call = (api.getAppInfo as (...args: unknown[]) => Promise<unknown>)('extra')
        await expect(call).rejects.toBeInstanceOf(ApiError)
        await expect(call).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
      })
    })

    it('answers a method outside AppApi with UNKNOWN_METHOD', async () => {
      type Rogue = { deleteEverything(): Promise<void> }
      const rogue = createRpcClient<Rogue, object>(['deleteEverything'], connection.transport, {
        timers: globalThis,
        timeoutMs: 5_000,
      })
      await expect(rogue.deleteEverything()).rejects.toMatchObject({
        code: 'UNKNOWN_METHOD',
        message: '"deleteEverything" is not a method of the API',
      })
      rogue.close()
    })

    it('answers concurrent calls each with its own result', async () => {
      const infos = await Promise.all(Array.from({ length: 20 }, () => api.getAppInfo()))
      expect(new Set(infos.map((info) => info.version))).toEqual(new Set([packageJson.version]))
    })
  })
}
