/*
 * main/common compiles with no Node or DOM types, but every runtime it runs on (Node, Chromium,
 * Electron) has the WHATWG URL and Encoding APIs. These are the parts it uses, declared once.
 */
declare class TextEncoder {
  encode(input?: string): Uint8Array
  encodeInto(source: string, destination: Uint8Array): { read: number; written: number }
}

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean })
  decode(input?: Uint8Array, options?: { stream?: boolean }): string
}

declare class URLSearchParams {
  constructor(init?: string)
  append(name: string, value: string): void
  get(name: string): string | null
  has(name: string): boolean
  toString(): string
}

declare class URL {
  constructor(url: string, base?: string)
  static canParse(url: string, base?: string): boolean
  href: string
  protocol: string
  host: string
  hostname: string
  port: string
  pathname: string
  search: string
  hash: string
  readonly origin: string
  readonly searchParams: URLSearchParams
  toString(): string
}

/** The part of the DOM's AbortSignal that common code listens to. */
interface AbortSignal {
  readonly aborted: boolean
  addEventListener(type: 'abort', listener: () => void): void
}

/** The monotonic clock every runtime has (`performance.now`), in milliseconds. */
declare const performance: { now(): number }
