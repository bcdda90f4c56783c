/**
 * A child process for the crash test: journals a fast stream from the demo server at argv[3] into
 * the data folder argv[2] (argv[4] "session": kept in a saved session; "scratch": an unsaved tab's,
 * which the saved workspace shows), prints "recording" once events are flowing, and waits to be
 * killed.
 */
import { defaultDraft } from '../../main/common/contract/index.ts'
import { createAppApi } from '../../main/host/app-api.ts'

const [dataDir, url, mode] = process.argv.slice(2)
const app = createAppApi({ shell: 'browser', dataDir: dataDir! })
const draft = defaultDraft(url)
const sessionId =
  mode === 'session'
    ? (await app.api.saveSession({ name: 'crash', draft, savedMessages: [] })).id
    : null
const { id, journal } = await app.api.connect(
  { url: url!, ws: { perMessageDeflate: false } },
  sessionId === null ? undefined : { keepIn: sessionId },
)
const runId = journal!.runId!
await app.api.saveWorkspace({
  activeIndex: 0,
  tabs: [
    {
      kind: 'connection',
      draft,
      sessionId,
      composer: { mode: 'text', text: '' },
      savedMessages: [],
      connectionId: id,
      runIds: [runId],
      savedSnapshot: null,
    },
  ],
})
const waitForRows = setInterval(() => {
  void app.api.getRuns([runId]).then(([run]) => {
    if (run && run.messageCount > 0) {
      clearInterval(waitForRows)
      process.stdout.write('recording\n')
    }
  })
}, 5)
// Alive until killed, whatever the stream does.
setInterval(() => {}, 60_000)
