/**
 * Child process of the benchmark: the app host of browser mode, the same composition the CLI's
 * `app` command runs, plus a way for the benchmark to read its event-loop utilisation and peak RSS
 * (over the IPC channel: "mark" starts the measured span, "stats" ends it). argv: a data folder,
 * and "no-journal" for a host that keeps nothing.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createAppApi } from '../../main/host/app-api.ts'
import { startBrowserHost } from '../../main/host/browser-host.ts'

const dataDir = process.argv[2]!
/** "no-journal": the baseline host, which keeps nothing of its connections. */
const journal = process.argv[3] !== 'no-journal'
const rendererDir = join(dataDir, 'renderer')
await mkdir(rendererDir, { recursive: true })
await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>bench</title>')
const app = createAppApi({ shell: 'browser', dataDir, journal })
const host = await startBrowserHost({ api: app.api, events: app.events, rendererDir })

let baseline = performance.eventLoopUtilization()
let cpu = process.cpuUsage()
process.on('message', (message: string) => {
  if (message === 'mark') {
    baseline = performance.eventLoopUtilization()
    cpu = process.cpuUsage()
    process.send!({ marked: true })
  } else if (message === 'exit') {
    process.exit(0)
  } else if (message === 'stats') {
    process.send!({
      elu: performance.eventLoopUtilization(baseline).utilization,
      cpuSeconds: (({ user, system }) => (user + system) / 1e6)(process.cpuUsage(cpu)),
      peakRssMB: process.resourceUsage().maxRSS / 1024,
    })
  }
})
process.send!({ port: host.port, token: host.token })
