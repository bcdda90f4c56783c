import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startDemoServer, type DemoServer } from '../../../embedded-server/index.ts'
import { copyAs } from '../../../renderer/features/connection/copy-as.ts'

/** Runs a copied script as a user pasting it would, with its console.log lines captured. */
async function runScript(script: string): Promise<string[]> {
  const lines: string[] = []
  const capture = { log: (...values: unknown[]) => lines.push(values.join(' ')) }
  const AsyncFunction = (Object.getPrototypeOf(async () => {}) as { constructor: unknown })
    .constructor as new (...args: string[]) => (console: typeof capture) => Promise<void>
  await new AsyncFunction('console', script)(capture)
  return lines
}

let demo: DemoServer
beforeAll(async () => {
  demo = await startDemoServer({ port: 0 })
})
afterAll(() => demo.close())

describe('the JavaScript a connection copies as, run against the demo server', () => {
  it('streams an SSE POST', async () => {
    const lines = await runScript(
      copyAs(
        {
          url: `${demo.url}/sse/llm?delay=0`,
          protocol: 'sse',
          sse: { method: 'POST', body: '{"prompt":"hi"}', contentType: 'application/json' },
        },
        'javascript',
      ),
    )
    expect(lines.join('')).toContain('data: [DONE]')
  })

  it('opens a WebSocket and prints its messages', async () => {
    const lines = await runScript(
      copyAs(
        { url: `${demo.url.replace('http', 'ws')}/ws/stream?count=3&rate=0`, protocol: 'ws' },
        'javascript',
      ),
    )
    await vi.waitFor(() => expect(lines.some((line) => line.startsWith('closed'))).toBe(true))
    expect(lines.filter((line) => line.includes('"seq"'))).toHaveLength(3)
  })
})
