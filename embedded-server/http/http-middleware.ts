import type Koa from 'koa'
import { hostRefusal } from '#common/net/loopback-host.ts'
import { BadParam } from '../params.ts'

/**
 * 403 for a Host header that is not this server's own address (the DNS-rebinding guard), 400 for
 * a request with more than one.
 */
export function hostGuard(allowedHosts: () => ReadonlySet<string>): Koa.Middleware {
  return async (ctx, next) => {
    const refusal = hostRefusal(ctx.req.rawHeaders, allowedHosts())
    if (refusal) {
      ctx.status = refusal.status
      ctx.body = `${refusal.message}\n`
      return
    }
    await next()
  }
}

/**
 * CORS for the pages the server accepts (localhost, any port: a dev server on :5173 calling the
 * demo server on :8080; and the origins allowed by name), credentials included. Preflights are
 * answered here.
 */
export function pageCors(isAcceptedOrigin: (origin: string) => boolean): Koa.Middleware {
  return async (ctx, next) => {
    const origin = ctx.get('Origin')
    if (origin && isAcceptedOrigin(origin)) {
      ctx.set('Access-Control-Allow-Origin', origin)
      ctx.set('Access-Control-Allow-Credentials', 'true')
      ctx.vary('Origin')
      if (ctx.method === 'OPTIONS') {
        ctx.set('Access-Control-Allow-Methods', 'GET, POST, OPTIONS')
        ctx.set(
          'Access-Control-Allow-Headers',
          ctx.get('Access-Control-Request-Headers') || 'Content-Type, Last-Event-ID',
        )
        ctx.set('Access-Control-Max-Age', '600')
        ctx.status = 204
        return
      }
    }
    await next()
  }
}

/** A bad parameter is the client's mistake: 400 with the sentence. Anything else stays a 500. */
export function badParamsAs400(): Koa.Middleware {
  return async (ctx, next) => {
    try {
      await next()
    } catch (error) {
      if (!(error instanceof BadParam) || ctx.headerSent) throw error
      ctx.status = 400
      ctx.body = `${error.message}\n`
    }
  }
}
