import { describe, expect, it } from 'vitest'
import {
  binaryPayload,
  runGenerator,
  textPayload,
  type GeneratorSink,
} from '../../../embedded-server/generator.ts'

/** A sink that records what it is given and can push back or close after a while. */
function recordingSink(options: { closeAfter?: number; pushBackEvery?: number } = {}) {
  const seqs: number[] = []
  let drains = 0
  const sink: GeneratorSink = {
    emit(firstSeq, n) {
      for (let seq = firstSeq; seq < firstSeq + n; seq++) seqs.push(seq)
      return options.pushBackEvery ? seqs.length % options.pushBackEvery !== 0 : true
    },
    remaining: () => (options.closeAfter ?? Infinity) - seqs.length,
    drained: () => {
      drains++
      return Promise.resolve()
    },
    isClosed: () => false,
  }
  return { sink, seqs, drains: () => drains }
}

describe('runGenerator', () => {
  it('sends count messages in order as fast as the sink takes them at rate 0', async () => {
    const { sink, seqs } = recordingSink()
    await runGenerator({ rate: 0, count: 10_000, firstSeq: 1, maxBatch: 700 }, sink)
    expect(seqs).toEqual(Array.from({ length: 10_000 }, (_, i) => i + 1))
  })

  it('starts at firstSeq, for a resumed stream', async () => {
    const { sink, seqs } = recordingSink()
    await runGenerator({ rate: 0, count: 3, firstSeq: 8 }, sink)
    expect(seqs).toEqual([8, 9, 10])
  })

  it('stops where the sink says it will close', async () => {
    const { sink, seqs } = recordingSink({ closeAfter: 5 })
    await runGenerator({ rate: 0, count: 100, firstSeq: 1 }, sink)
    expect(seqs).toEqual([1, 2, 3, 4, 5])
  })

  it('waits for drain whenever the sink pushes back', async () => {
    const { sink, seqs, drains } = recordingSink({ pushBackEvery: 1 })
    await runGenerator({ rate: 0, count: 5, firstSeq: 1, maxBatch: 1 }, sink)
    expect(seqs).toHaveLength(5)
    expect(drains()).toBe(5)
  })

  it('sends the first message at once and the rest paced', async () => {
    const { sink, seqs } = recordingSink()
    const started = performance.now()
    await runGenerator({ rate: 50, count: 3, firstSeq: 1 }, sink)
    expect(seqs).toEqual([1, 2, 3])
    // Three messages at 50/s: the last is due 40 ms after the first.
    expect(performance.now() - started).toBeGreaterThanOrEqual(39)
  })
})

describe('textPayload', () => {
  it('is JSON with seq and ts, padded to exactly the size', () => {
    const text = textPayload(42, 200, 1234.5)
    expect(text).toHaveLength(200)
    expect(JSON.parse(text)).toMatchObject({ seq: 42, ts: 1234.5 })
  })

  it('never goes below its skeleton', () => {
    expect(JSON.parse(textPayload(1, 5, 1))).toEqual({ seq: 1, ts: 1, pad: '' })
  })
})

describe('binaryPayload', () => {
  it('starts with the sequence number and the timestamp', () => {
    const bytes = binaryPayload(7, 64, 99.25)
    expect(bytes).toHaveLength(64)
    expect(bytes.readUInt32BE(0)).toBe(7)
    expect(bytes.readDoubleBE(4)).toBe(99.25)
  })
})
