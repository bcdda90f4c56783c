/**
 * Where a reading loop waits while the view catches up (lossless delivery): closed by `pause`,
 * opened by `resume`. A stream is paused by not reading it, so TCP backpressure reaches the server.
 */
export class FlowGate {
  #closed: Promise<void> | null = null
  #open: (() => void) | null = null

  pause(): void {
    this.#closed ??= new Promise((resolve) => (this.#open = resolve))
  }

  resume(): void {
    this.#open?.()
    this.#closed = null
    this.#open = null
  }

  /** Resolves once the gate is open: at once, unless paused. */
  passed(): Promise<void> {
    return this.#closed ?? Promise.resolve()
  }

  get paused(): boolean {
    return this.#closed !== null
  }
}
