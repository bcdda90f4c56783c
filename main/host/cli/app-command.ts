import { mkdir } from 'node:fs/promises'
import { resolve } from 'node:path'
import { isLoopbackAddress } from '#common/net/loopback-host.ts'
import { createAppApi } from '../app-api.ts'
import { DEFAULT_BROWSER_HOST_LIMITS, startBrowserHost } from '../browser-host.ts'
import { openBrowser } from '../open-browser.ts'
import { defaultDataDir, rendererDir } from '../paths.ts'
import { survivePromiseFailures } from '../process-guard.ts'
import { parseCount, parsePort, untilStopSignal, type CliCommand } from './command.ts'

const MIB = 1024 * 1024

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
  --max-message-mb <n>
                    The largest message a page may send the app, an import say
                    (default ${DEFAULT_BROWSER_HOST_LIMITS.maxMessageBytes / MIB})
  --max-backlog-mb <n>
                    Drop a page that leaves more than this unread (default
                    ${DEFAULT_BROWSER_HOST_LIMITS.maxQueuedBytes / MIB}); the app's own page never does
  -h, --help        Show this help`,
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string' },
    open: { type: 'boolean', default: true },
    'max-message-mb': {
      type: 'string',
      default: String(DEFAULT_BROWSER_HOST_LIMITS.maxMessageBytes / MIB),
    },
    'max-backlog-mb': {
      type: 'string',
      default: String(DEFAULT_BROWSER_HOST_LIMITS.maxQueuedBytes / MIB),
    },
  },
  takesPositionals: false,
  async run(values, _positionals, io) {
    const port = parsePort(values.port)
    const host = String(values.host)
    const dataDir = resolve(
      typeof values['data-dir'] === 'string' ? values['data-dir'] : defaultDataDir(),
    )
    const limits = {
      maxMessageBytes: parseCount(values['max-message-mb'], '--max-message-mb', 1, 2047) * MIB,
      maxQueuedBytes: parseCount(values['max-backlog-mb'], '--max-backlog-mb', 1, 65_536) * MIB,
    }
    await mkdir(dataDir, { recursive: true })

    const stopGuarding = survivePromiseFailures((line) => io.stderr(line))
    const app = createAppApi({ shell: 'browser', dataDir })
    const browserHost = await startBrowserHost({
      api: app.api,
      events: app.events,
      rendererDir: rendererDir(),
      host,
      port,
      limits,
      onInternalError: (error, method) =>
        io.stderr(`Internal error in ${method}(): ${String(error)}`),
      onWarning: (message) => io.stderr(`Warning: ${message}`),
    })
    if (!isLoopbackAddress(host)) {
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
    stopGuarding()
    return 0
  },
}
