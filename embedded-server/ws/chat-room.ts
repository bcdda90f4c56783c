import type { DemoSocket } from './demo-socket.ts'
import { frameBatch, OPCODE_BINARY, OPCODE_TEXT } from './ws-frame.ts'

/** The shortest time between two presence notices of a room. */
export const PRESENCE_INTERVAL_MS = 250

/**
 * A chat room: every message is framed once and the same bytes written to every member. Join and
 * leave notices cost O(1) per join: the first after a quiet spell goes at once, later ones within
 * PRESENCE_INTERVAL_MS are counted and sent as one notice (before the next message, so order holds),
 * so ten thousand clients joining make a few notices a second, not ten thousand each.
 */
export class ChatRoom {
  readonly name: string
  readonly #members = new Set<DemoSocket>()
  #joined = 0
  #left = 0
  #lastNotice = -Infinity
  #timer: NodeJS.Timeout | null = null

  constructor(name: string) {
    this.name = name
  }

  get size(): number {
    return this.#members.size
  }

  join(member: DemoSocket): void {
    this.#members.add(member)
    this.#joined++
    this.#presenceSoon()
  }

  leave(member: DemoSocket): void {
    if (!this.#members.delete(member)) return
    this.#left++
    if (this.#members.size === 0) this.close()
    else this.#presenceSoon()
  }

  /** Sends a message to every member, after any notice still waiting. */
  broadcast(data: Buffer | string, binary: boolean): void {
    this.#sendPresence()
    const payload = typeof data === 'string' ? Buffer.from(data) : data
    const frames = frameBatch([payload], binary ? OPCODE_BINARY : OPCODE_TEXT)
    const messages = () => [{ data: payload, binary }]
    for (const member of this.#members) member.sendFramed(frames, messages, 1, payload.length)
  }

  close(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
  }

  #presenceSoon(): void {
    const wait = this.#lastNotice + PRESENCE_INTERVAL_MS - performance.now()
    if (wait <= 0) this.#sendPresence()
    else this.#timer ??= setTimeout(() => this.#sendPresence(), wait)
  }

  /**
   * `{type: "join" | "leave", room, clients}`, with `joined` / `left` when a notice stands for
   * more than one; `{type: "presence", …}` when it stands for both.
   */
  #sendPresence(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    const joined = this.#joined
    const left = this.#left
    if (joined === 0 && left === 0) return
    this.#joined = 0
    this.#left = 0
    this.#lastNotice = performance.now()
    const clients = this.#members.size
    const type = left === 0 ? 'join' : joined === 0 ? 'leave' : 'presence'
    const notice = {
      type,
      room: this.name,
      clients,
      ...(joined > 1 || type === 'presence' ? { joined } : {}),
      ...(left > 1 || type === 'presence' ? { left } : {}),
    }
    this.broadcast(JSON.stringify(notice), false)
  }
}
