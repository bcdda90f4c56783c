import type { ArgsGuard } from '../contract/guards.ts'

/** An API is an object of async methods taking and returning plain JSON data. */
export type ApiShape<Api> = {
  [Method in keyof Api]: (...args: never[]) => Promise<unknown>
}

/** One argument guard per method of `Api`; a missing or extra method does not compile. */
export type ApiGuards<Api extends ApiShape<Api>> = {
  [Method in keyof Api]: ArgsGuard<Parameters<Api[Method]>>
}

/** Timers, passed in because `main/common` runs on no particular runtime. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}
