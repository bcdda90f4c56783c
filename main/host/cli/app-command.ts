import { mkdir } from 'node:fs/promises'
import { resolve } from 'node:path'
import { createAppApi } from '../app-api.ts'
import { startBrowserHost } from '../browser-host.ts'
import { openBrowser } from '../open-browser.ts'
import { defaultDataDir, rendererDir } from '../paths.ts'
import { parsePort, untilStopSignal, type CliCommand } from './command.ts'

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1'])

export const appCommand: CliCommand = {
  name: 'app',
  summary: 'Run the app in your browser (browser mode)',
  help: `Usage: realtime-playground app [options]

Serves the app on this machine and opens it in your browser. The printed URL carries a
secret token for this run; only pages with it can use the app.

Options:
  --port <n>        Port to listen on (default: a free one)
  --host <address>  Address to bind (default 127.0.0.1). Anything other than a loopback
                    address lets other machines reach the app, token permitting.
  --data-dir <dir>  Where to keep sessions and recordings
                    (default: ${defaultDataDir()})
  --no-open         Print the URL without opening a browser
  -h, --help        Show this help`,
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string' },
    open: { type: 'boolean', default: true },
  },
  takesPositionals: false,
  async run(values, _positionals, io) {
    const port = parsePort(values.port)
    const host = String(values.host)
    const dataDir = resolve(
      typeof values['data-dir'] === 'string' ? values['data-dir'] : defaultDataDir(),
    )
    await mkdir(dataDir, { recursive: true })

    const app = createAppApi({ shell: 'browser', dataDir })
    const browserHost = await startBrowserHost({
      api: app.api,
      events: app.events,
      rendererDir: rendererDir(),
      host,
      port,
      onInternalError: (error, method) =>
        io.stderr(`Internal error in ${method}(): ${String(error)}`),
    })
    if (!LOOPBACK.has(host)) {
      io.stderr(
        `Warning: listening on ${host}, not only on this machine. Anyone who can reach it and has the URL can use the app.`,
      )
    }
    io.stdout(`Realtime Playground: ${browserHost.url}`)
    if (values.open === true && !(await openBrowser(browserHost.url))) {
      io.stderr('Could not open a browser; open the URL above yourself.')
    }

    await untilStopSignal()
    await browserHost.close()
    await app.close()
    return 0
  },
}
