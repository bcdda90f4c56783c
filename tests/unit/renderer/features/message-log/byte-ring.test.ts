import { describe, expect, it } from 'vitest'
import { ByteRing } from '../../../../../renderer/features/message-log/byte-ring.ts'

const bytes = (from: number, length: number) =>
  Uint8Array.from({ length }, (_, i) => (from + i) & 0xff)

describe('ByteRing', () => {
  it('grows in place while it has not wrapped: no offset moves', () => {
    const ring = new ByteRing(1024, 8192)
    ring.write(bytes(0, 1000))
    expect(ring.grow(100)).toBeNull()
    expect(ring.size).toBeGreaterThan(1100)
    expect([...ring.read(0, 1000)]).toEqual([...bytes(0, 1000)])
  })

  it('moves the older part of a wrapped ring to the end when it grows, and says where', () => {
    const ring = new ByteRing(1024, 8192)
    ring.write(bytes(0, 1000)) // runs at 0 and 500
    ring.release(500)
    const wrapped = ring.head
    ring.write(bytes(7, 400)) // wraps around the end: offset 1000
    expect(ring.used).toBe(900)
    const remap = ring.grow(300)!
    expect(remap).not.toBeNull()
    expect([...ring.read(remap(500), 500)]).toEqual([...bytes(500, 500)])
    expect([...ring.read(remap(wrapped), 400)]).toEqual([...bytes(7, 400)])
    ring.write(bytes(9, 300)) // after the newest run, in the room made
    expect([...ring.read(remap(wrapped), 400)]).toEqual([...bytes(7, 400)])
    expect(ring.used).toBe(1200)
  })

  it('does not grow past its budget', () => {
    const ring = new ByteRing(1024, 2048)
    ring.grow(2000)
    ring.write(bytes(0, 2000))
    expect(ring.size).toBe(2048)
    expect(ring.fits(100)).toBe(false)
  })
})
