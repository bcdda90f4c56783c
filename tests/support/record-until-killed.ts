/**
 * A child process for the crash test: records a fast stream from the demo server at argv[3] into a
 * session in the data folder argv[2], prints "recording" once events are flowing, and waits to be
 * killed.
 */
import { defaultDraft } from '../../main/common/contract/index.ts'
import { createAppApi } from '../../main/host/app-api.ts'

const [dataDir, url] = process.argv.slice(2)
const app = createAppApi({ shell: 'browser', dataDir: dataDir! })
const { id } = await app.api.saveSession({
  name: 'crash',
  draft: defaultDraft(url),
  savedMessages: [],
})
await app.api.connect({ url: url!, ws: { perMessageDeflate: false } }, { keepIn: id })
const waitForRows = setInterval(() => {
  void app.api.listRuns(id).then(([run]) => {
    if (run && run.messageCount > 0) {
      clearInterval(waitForRows)
      process.stdout.write('recording\n')
    }
  })
}, 5)
// Alive until killed, whatever the stream does.
setInterval(() => {}, 60_000)
