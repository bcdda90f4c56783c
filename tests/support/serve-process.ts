import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { packageRoot } from '../../main/host/paths.ts'

export interface ServeProcess {
  url: string
  child: ChildProcess
  /** Everything it wrote to stderr so far. */
  stderr(): string
  /** True while the process runs. */
  alive(): boolean
  stop(): Promise<void>
}

/** `realtime-playground serve` from source, in its own process, on a free port. */
export async function startServeProcess(args: string[] = []): Promise<ServeProcess> {
  const child = spawn(process.execPath, [
    join(packageRoot(), 'main', 'host', 'cli', 'main.ts'),
    'serve',
    '--port',
    '0',
    ...args,
  ])
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const lines = createInterface({ input: child.stdout })
  const [first] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(() => {
      throw new Error(`serve exited before printing its URL: ${stderr}`)
    }),
  ])) as [string]
  const url = /^Demo server: (http:\/\/\S+)$/.exec(first)?.[1]
  if (!url) throw new Error(`serve printed ${JSON.stringify(first)}, not its URL`)
  lines.on('line', () => {}) // keep reading, so its stdout never fills
  return {
    url,
    child,
    stderr: () => stderr,
    alive: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      await once(child, 'exit')
    },
  }
}
