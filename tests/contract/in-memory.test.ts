import { tempDir } from '../support/temp-dir.ts'
import { createInMemoryTransportPair, serveApi } from '#common/rpc/index.ts'
import { createAppApi } from '../../main/host/app-api.ts'
import { registerAppApiContract } from './app-api.contract.ts'

registerAppApiContract('the in-memory transport pair', () => {
  const app = createAppApi({ shell: 'browser', dataDir: tempDir() })
  const [serverEnd, clientEnd] = createInMemoryTransportPair()
  const stopServing = serveApi(app.api, app.events, serverEnd)
  return Promise.resolve({
    transport: clientEnd,
    async close() {
      stopServing()
      clientEnd.close()
      await app.close()
    },
  })
})
