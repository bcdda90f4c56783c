/**
 * The demo server under a crowd, in its own process: /ws/feed at 2,000 msg/s to 1,000 clients
 * (deliveries per second, and sequence numbers missed), then 10,000 idle clients and what each
 * costs the server (its resident memory, before and after, over the count).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

const here = import.meta.dirname

export interface DemoServerResult {
  feed: { clients: number; perSecond: number; lost: number; rate: number }
  idle: { clients: number; bytesEach: number }
}

function rssOf(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024
}

async function lineOf(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  for await (const line of createInterface({ input: child.stdout! })) {
    const match = pattern.exec(line)
    if (match) return match
  }
  throw new Error(`No line like ${pattern} came`)
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export async function runDemoServerBench(): Promise<DemoServerResult> {
  const rate = Number(process.env.FEED_RATE ?? 2000)
  const server = spawn(
    process.execPath,
    [
      join(here, '../../main/host/cli/main.ts'),
      ...['serve', '--port', '0', '--feed-rate', String(rate), '--max-clients', '20000'],
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  try {
    const url = (await lineOf(server, /^Demo server: (\S+)$/))[1]!.replace('http:', 'ws:')
    // The rest of its output (a line per client) is not needed.
    server.stdout.resume()

    const feedClients = spawn(
      process.execPath,
      [join(here, 'demo-clients.ts'), 'feed', `${url}/ws/feed`, '1000', '3'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    let output = ''
    feedClients.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
    await once(feedClients, 'exit')
    const feed = { ...(JSON.parse(output) as DemoServerResult['feed']), rate }

    await settle(2000)
    const before = rssOf(server)
    const idleClients = spawn(
      process.execPath,
      [join(here, 'demo-clients.ts'), 'idle', `${url}/ws/echo`, '10000'],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    )
    await lineOf(idleClients, /^open$/)
    await settle(2000)
    const after = rssOf(server)
    idleClients.stdin.end()
    await once(idleClients, 'exit')
    return { feed, idle: { clients: 10_000, bytesEach: (after - before) / 10_000 } }
  } finally {
    server.kill()
  }
}

if (process.argv[1] === import.meta.filename) console.log(await runDemoServerBench())
