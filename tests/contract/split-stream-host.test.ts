import { tempDir } from '../support/temp-dir.ts'
import { createAppApi } from '../../main/host/app-api.ts'
import { startBrowserHost } from '../../main/host/browser-host.ts'
import { openSplitTransport } from '../support/browser-host-client.ts'
import { createRendererFixture } from '../support/renderer-fixture.ts'
import { registerAppApiContract } from './app-api.contract.ts'

registerAppApiContract('the browser host’s WebSocket and down stream', async () => {
  const app = createAppApi({ shell: 'browser', dataDir: tempDir() })
  const host = await startBrowserHost({
    api: app.api,
    events: app.events,
    rendererDir: await createRendererFixture(),
  })
  const { transport, socket } = await openSplitTransport(host)
  return {
    transport,
    async close() {
      socket.close()
      await host.close()
      await app.close()
    },
  }
})
