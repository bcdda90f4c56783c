import { describe, expect, it } from 'vitest'
import { encodeStreamFrame, StreamFrameReader } from '#common/rpc/index.ts'

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

describe('stream frames', () => {
  const messages: (string | Uint8Array)[] = [
    '{"kind":"return","id":1,"value":"héllo"}',
    new Uint8Array([1, 2, 3, 255]),
    '',
    new Uint8Array(0),
    new Uint8Array(70_000).fill(9),
  ]
  const stream = concat(messages.map(encodeStreamFrame))

  it('gives back every message, whichever way the stream is cut', () => {
    for (const cut of [1, 3, 7, 64, 4096, stream.length]) {
      const reader = new StreamFrameReader()
      const got: (string | Uint8Array)[] = []
      for (let at = 0; at < stream.length; at += cut)
        reader.push(stream.subarray(at, at + cut), (message) => got.push(message))
      expect(got, `cut every ${cut} bytes`).toEqual(messages)
    }
  })

  it('gives each message of bytes a buffer of its own, aligned at 0', () => {
    const reader = new StreamFrameReader()
    const got: (string | Uint8Array)[] = []
    reader.push(stream, (message) => got.push(message))
    const bytes = got[1] as Uint8Array
    expect(bytes.byteOffset).toBe(0)
    expect(bytes.buffer.byteLength).toBe(4)
  })

  it('holds a frame until all of it has come', () => {
    const reader = new StreamFrameReader()
    const got: unknown[] = []
    const frame = encodeStreamFrame('abc')
    reader.push(frame.subarray(0, frame.length - 1), (message) => got.push(message))
    expect(got).toEqual([])
    reader.push(frame.subarray(frame.length - 1), (message) => got.push(message))
    expect(got).toEqual(['abc'])
  })
})
