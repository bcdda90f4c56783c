/**
 * The firehose in Node: the generator's stream read by a bare client (the ceiling), then through
 * the whole app host to a Node RPC client (lossless), then the same with the connection recorded
 * to SQLite and read back. Each process is a child, so none of them shares a core by accident.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { ClientResult, PipelineResult } from './bench-clients.ts'
import { scratchDir } from './scratch.ts'

const here = import.meta.dirname

export interface FirehoseCase {
  protocol: 'ws' | 'sse'
  size: number
  count: number
  /** SSE: every event with an id. */
  ids?: boolean
}

export interface Generator {
  url(benchCase: FirehoseCase, rate?: number): string
  /** How far its stamps' clock is from the wall clock now (see clockOffsetMs), in ms. */
  clockOffsetMs(): Promise<number>
  close(): void
}

/** The pre-framed generator (firehose-generator.ts) in its own process. */
export async function startGenerator(): Promise<Generator> {
  const child = fork(join(here, 'firehose-generator.ts'), {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  })
  let port = 0
  for await (const line of createInterface({ input: child.stdout! })) {
    port = (JSON.parse(line) as { port: number }).port
    break
  }
  return {
    url: ({ protocol, size, count, ids }, rate = 0) =>
      `${protocol === 'ws' ? 'ws' : 'http'}://127.0.0.1:${port}/${protocol}?count=${count}&size=${size}&rate=${rate}${ids ? '&ids=1' : ''}`,
    clockOffsetMs: async () =>
      ((await (await fetch(`http://127.0.0.1:${port}/clock`)).json()) as { offsetMs: number })
        .offsetMs,
    close: () => child.kill(),
  }
}

async function runChild<Result>(script: string, args: string[]): Promise<Result> {
  const child = spawn(process.execPath, [join(here, script), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let output = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
  await once(child, 'exit')
  return JSON.parse(output) as Result
}

/** The bare client: `ws`, or fetch + eventsource-parser, reading sequence numbers. */
export function measureCeiling(
  generator: Generator,
  benchCase: FirehoseCase,
): Promise<ClientResult> {
  return runChild('bare-client.ts', [
    benchCase.protocol,
    generator.url(benchCase),
    String(benchCase.count),
  ])
}

/** What the host measured of itself: loop utilisation, CPU time (all its threads), peak RSS. */
interface HostStats {
  elu: number
  cpuSeconds: number
  peakRssMB: number
}

export type PipelineMeasure = PipelineResult & HostStats

/**
 * Generator → app host → a Node RPC client; with `record`, journaled into a session's run read back
 * from its files, else by a host that keeps nothing (the baseline of journaling's cost).
 */
export async function measurePipeline(
  generator: Generator,
  benchCase: FirehoseCase,
  record: boolean,
): Promise<PipelineMeasure> {
  const dataDir = await scratchDir('host')
  const host: ChildProcess = fork(
    join(here, 'host-process.ts'),
    [dataDir, ...(record ? [] : ['no-journal'])],
    {
      // BENCH_HOST_PROFILE=folder: the host's CPU profiles, for DevTools.
      execArgv: process.env.BENCH_HOST_PROFILE
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_HOST_PROFILE}`]
        : [],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    },
  )
  const [ready] = (await once(host, 'message')) as [{ port: number; token: string }]
  host.send('mark')
  await once(host, 'message')
  const result = await runChild<PipelineResult>('pipeline-client.ts', [
    String(ready.port),
    ready.token,
    generator.url(benchCase),
    String(benchCase.count),
    ...(record ? [dataDir] : []),
  ])
  host.send('stats')
  const [stats] = (await once(host, 'message')) as [HostStats]
  host.send('exit')
  await once(host, 'exit')
  return { ...result, ...stats }
}
