import type Koa from 'koa'
import { BadParam, flagParam, intParam } from '../params.ts'
import type { DemoServerContext } from '../server-context.ts'
import { openSseStream, type SseStream, type SseStreamOptions } from './sse-stream.ts'

export interface SseRequest {
  ctx: Koa.Context
  query: URLSearchParams
  /** From the Last-Event-ID header a reconnecting client sends (or `?lastEventId=`). */
  lastEventId: string | null
  /** The request body (POST endpoints only; empty otherwise). */
  body: string
  /** Starts the event stream. A handler that answers otherwise (400, 204) never calls it. */
  open: () => SseStream
}

export interface SseEndpointSpec {
  path: string
  methods: readonly string[]
  handler: (request: SseRequest) => void | Promise<void>
}

/**
 * Wraps an SSE handler with what every SSE endpoint does: the method check, the fault parameters,
 * the connection cap, client tracking, and a clean end on shutdown.
 */
export function sseEndpoint(server: DemoServerContext, spec: SseEndpointSpec): Koa.Middleware {
  return async (ctx) => {
    if (!spec.methods.includes(ctx.method)) {
      ctx.set('Allow', spec.methods.join(', '))
      ctx.status = 405
      ctx.body = `${ctx.method} is not allowed on ${spec.path}; use ${spec.methods.join(' or ')}.\n`
      return
    }
    const query = new URLSearchParams(ctx.querystring)
    const status = intParam(query, 'status', { min: 200, max: 599 })
    if (status !== undefined && status !== 200) {
      ctx.status = status
      ctx.body = status === 204 ? null : `Injected fault: status ${status}\n`
      return
    }
    if (server.clients.isFull()) {
      ctx.status = 503
      ctx.set('Retry-After', '5')
      ctx.body = 'The demo server is at its connection limit; try again shortly.\n'
      return
    }
    const options: SseStreamOptions = {
      retryMs: intParam(query, 'retry', { min: 0, max: 86_400_000 }),
      dropAfter: intParam(query, 'dropAfter', { min: 0, max: 1_000_000_000 }),
      contentType: query.get('contentType') ?? undefined,
      slowMs: intParam(query, 'slow', { min: 1, max: 60_000 }),
      tricky: flagParam(query, 'tricky'),
      heartbeatMs: server.options.heartbeatMs,
      maxBufferedBytes: server.options.maxBufferedBytes,
    }
    await spec.handler({
      ctx,
      query,
      lastEventId: ctx.get('Last-Event-ID') || query.get('lastEventId'),
      body: ctx.method === 'POST' ? await readBody(ctx.req) : '',
      open() {
        ctx.respond = false
        const stream = openSseStream(ctx.res, options)
        const release = server.clients.admit(
          { endpoint: spec.path, remoteAddress: ctx.req.socket.remoteAddress ?? '' },
          { close: () => stream.end(), terminate: () => ctx.res.destroy() },
        )
        stream.onClose(() => release?.())
        return stream
      },
    })
  }
}

const MAX_BODY_BYTES = 64 * 1024

/** Reads a small request body (the LLM endpoint's JSON); past the cap it is a bad request. */
async function readBody(request: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += chunk.length
    if (size > MAX_BODY_BYTES)
      throw new BadParam(`The request body must be at most ${MAX_BODY_BYTES} bytes`)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}
