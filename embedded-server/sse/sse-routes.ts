import type Koa from 'koa'
import { setTimeout as sleep } from 'node:timers/promises'
import { runGenerator, textPayload } from '../generator.ts'
import { BadParam, flagParam, intParam } from '../params.ts'
import type { DemoServerContext } from '../server-context.ts'
import { completionChunk, promptFromBody, replyTokens } from './llm.ts'
import { sseEndpoint, type SseRequest } from './sse-endpoint.ts'
import type { SseEvent } from './sse-format.ts'

/** The SSE endpoints by path (see catalog.ts for what each one is for). */
export function createSseRoutes(server: DemoServerContext): Map<string, Koa.Middleware> {
  const routes = new Map<string, Koa.Middleware>()
  const add = (
    path: string,
    methods: string[],
    handler: (request: SseRequest) => void | Promise<void>,
  ): void => {
    routes.set(path, sseEndpoint(server, { path, methods, handler }))
  }

  add('/sse/clock', ['GET'], ({ open }) => {
    const stream = open()
    everySecond(stream, () => stream.send([{ data: new Date().toISOString() }]))
  })

  // The article's endpoint, payload for payload: `data: ${new Date()}` every second.
  add('/stream', ['GET'], ({ open }) => {
    const stream = open()
    everySecond(stream, () => stream.send([{ data: String(new Date()) }]), false)
  })

  add('/sse/stream', ['GET'], ({ ctx, query, lastEventId, open }) => {
    const rate = intParam(query, 'rate', { min: 0, max: 10_000_000 }, 10)
    const count = intParam(query, 'count', { min: 1, max: Number.MAX_SAFE_INTEGER }) ?? Infinity
    const size = intParam(query, 'size', { min: 1, max: 1_048_576 }, 64)
    const types = (query.get('event') ?? '').split(',').filter(Boolean)
    const ids = flagParam(query, 'ids')
    // Events are numbered from 1, so a resume continues right after the last id the client saw.
    const resumeAfter = ids ? parseSeq(lastEventId) : 0
    if (resumeAfter >= count) {
      // [spec] HTTP 204 tells an EventSource to stop reconnecting: nothing is left to send.
      ctx.status = 204
      return
    }
    const stream = open()
    void runGenerator(
      { rate, count: count - resumeAfter, firstSeq: resumeAfter + 1, messageBytes: size },
      {
        emit(firstSeq, n) {
          const events: SseEvent[] = []
          for (let seq = firstSeq; seq < firstSeq + n; seq++) {
            const event: SseEvent = { data: textPayload(seq, size) }
            if (types.length > 0) event.event = types[(seq - 1) % types.length]
            if (ids) event.id = String(seq)
            events.push(event)
          }
          stream.send(events)
          return !stream.backpressured
        },
        remaining: () => stream.remaining(),
        drained: () => stream.drained(),
        isClosed: () => stream.closed,
      },
    ).then(
      () => stream.end(),
      (error: unknown) => {
        server.reportFailure('/sse/stream', error)
        stream.end()
      },
    )
  })

  add('/sse/feed', ['GET'], ({ lastEventId, open }) => {
    const stream = open()
    const afterSeq = lastEventId === null ? undefined : parseSeq(lastEventId)
    const unsubscribe = server.feed.subscribe(
      (batch) =>
        stream.sendFormatted(batch.sse, () =>
          batch.messages.map(({ seq, text }) => ({ id: String(seq), data: text })),
        ),
      afterSeq,
    )
    stream.onClose(unsubscribe)
  })

  add('/sse/llm', ['POST', 'GET'], async ({ ctx, query, body, open }) => {
    let prompt: string
    try {
      prompt = ctx.method === 'POST' ? promptFromBody(body) : (query.get('prompt') ?? 'Hello')
    } catch (error) {
      if (!(error instanceof BadParam)) throw error
      ctx.status = 400
      ctx.body = { error: { message: error.message, type: 'invalid_request_error' } }
      return
    }
    const delayMs = intParam(query, 'delay', { min: 0, max: 10_000 }, 40)
    const stream = open()
    const id = `chatcmpl-demo-${Date.now().toString(36)}`
    const created = Math.floor(Date.now() / 1000)
    stream.send([{ data: completionChunk(id, created, { role: 'assistant', content: '' }) }])
    for (const token of replyTokens(prompt)) {
      await sleep(delayMs)
      if (stream.closed) return
      stream.send([{ data: completionChunk(id, created, { content: token }) }])
    }
    stream.send([{ data: completionChunk(id, created, {}, 'stop') }, { data: '[DONE]' }])
    stream.end()
  })

  return routes
}

/** Calls `tick` every second (at once too, unless `immediately` is false) until the stream closes. */
function everySecond(
  stream: { onClose(listener: () => void): void },
  tick: () => void,
  immediately = true,
): void {
  if (immediately) tick()
  const timer = setInterval(tick, 1000)
  stream.onClose(() => clearInterval(timer))
}

/** A Last-Event-ID as a sequence number; anything else resumes from the start. */
function parseSeq(lastEventId: string | null): number {
  const seq = Number(lastEventId)
  return lastEventId !== null && Number.isSafeInteger(seq) && seq > 0 ? seq : 0
}
