import type { StoredMessage } from '#common/contract/index.ts'

/** Messages above this size travel to the view as a preview plus a handle (their seq). */
export const LARGE_MESSAGE_BYTES = 64 * 1024
/** How much of a large message the preview shows. */
export const PREVIEW_BYTES = 8 * 1024

/**
 * The start of a large message that its row shows: about PREVIEW_BYTES, text cut between
 * characters (never inside a UTF-8 sequence).
 */
export function previewOf(payload: string | Buffer, text: boolean): string | Buffer {
  if (typeof payload === 'string') return payload.slice(0, PREVIEW_BYTES)
  let end = Math.min(PREVIEW_BYTES, payload.length)
  // Back off continuation bytes (10xxxxxx) to the start of the character they belong to.
  if (text && end < payload.length) while (end > 0 && (payload[end]! & 0xc0) === 0x80) end--
  return payload.subarray(0, end)
}

/**
 * Holds the whole of each large message so `getMessage` can return it, up to a byte budget per
 * connection; past it, the oldest are let go.
 */
export class LargeMessageStore {
  readonly #budget: number
  readonly #messages = new Map<number, StoredMessage>()
  #bytes = 0

  constructor(budgetBytes: number) {
    this.#budget = budgetBytes
  }

  put(message: StoredMessage): void {
    this.#messages.set(message.seq, message)
    this.#bytes += message.size
    for (const [seq, oldest] of this.#messages) {
      if (this.#bytes <= this.#budget || seq === message.seq) break
      this.#messages.delete(seq)
      this.#bytes -= oldest.size
    }
  }

  get(seq: number): StoredMessage | undefined {
    return this.#messages.get(seq)
  }
}
