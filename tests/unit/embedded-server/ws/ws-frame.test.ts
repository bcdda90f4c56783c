import type { Writable } from 'node:stream'
import * as ws from 'ws'
import { describe, expect, it } from 'vitest'
import { frameBatch, OPCODE_BINARY, OPCODE_TEXT } from '../../../../embedded-server/ws/ws-frame.ts'

// ws's own frame parser, the same code that reads frames in a client (its type is not published).
const { Receiver } = ws as unknown as { Receiver: new (options: { isServer: boolean }) => Writable }

function receive(bytes: Buffer): { data: Buffer; isBinary: boolean }[] {
  const receiver = new Receiver({ isServer: false })
  const messages: { data: Buffer; isBinary: boolean }[] = []
  receiver.on('message', (data: Buffer, isBinary: boolean) => messages.push({ data, isBinary }))
  receiver.write(bytes)
  return messages
}

describe('frameBatch', () => {
  it('frames payloads of every header length so that ws reads them back', () => {
    const sizes = [0, 1, 125, 126, 65_535, 65_536, 200_000]
    const payloads = sizes.map((size) => Buffer.alloc(size, size % 251))
    const messages = receive(frameBatch(payloads, OPCODE_BINARY))
    expect(messages.map(({ data }) => data.length)).toEqual(sizes)
    expect(messages.every(({ data, isBinary }, i) => isBinary && data.equals(payloads[i]!))).toBe(
      true,
    )
  })

  it('marks text frames as text', () => {
    const messages = receive(frameBatch([Buffer.from('héllo')], OPCODE_TEXT))
    expect(messages).toEqual([{ data: Buffer.from('héllo'), isBinary: false }])
  })
})
