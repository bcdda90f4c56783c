import type Koa from 'koa'
import { isAllowedHost } from '#common/net/loopback-host.ts'
import { BadParam } from '../params.ts'

/** 403 for a Host header that is not this server's own address: the DNS-rebinding guard. */
export function hostGuard(allowedHosts: () => ReadonlySet<string>): Koa.Middleware {
  return async (ctx, next) => {
    if (!isAllowedHost(ctx.get('Host') || undefined, allowedHosts())) {
      ctx.status = 403
      ctx.body = `Forbidden: Host ${JSON.stringify(ctx.get('Host'))} is not this server's address.\n`
      return
    }
    await next()
  }
}

const LOCALHOST_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/i

/**
 * CORS for pages served from localhost, any port (a dev server on :5173 calling the demo server on
 * :8080), credentials included. Preflights are answered here.
 */
export function localhostCors(): Koa.Middleware {
  return async (ctx, next) => {
    const origin = ctx.get('Origin')
    if (origin && LOCALHOST_ORIGIN.test(origin)) {
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
