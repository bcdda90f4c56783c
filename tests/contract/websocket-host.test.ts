import { tempDir } from '../support/temp-dir.ts'
import { createWebSocketTransport } from '#common/rpc/index.ts'
import { createAppApi } from '../../main/host/app-api.ts'
import { startBrowserHost } from '../../main/host/browser-host.ts'
import { openRpcSocket } from '../support/browser-host-client.ts'
import { createRendererFixture } from '../support/renderer-fixture.ts'
import { registerAppApiContract } from './app-api.contract.ts'

registerAppApiContract('the browser host’s WebSocket', async () => {
  const app = createAppApi({ shell: 'browser', dataDir: tempDir() })
  const host = await startBrowserHost({
    api: app.api,
    events: app.events,
    rendererDir: await createRendererFixture(),
  })
  const socket = await openRpcSocket(host)
  return {
    transport: createWebSocketTransport(socket),
    async close() {
      socket.close()
      await host.close()
      await app.close()
    },
  }
})
