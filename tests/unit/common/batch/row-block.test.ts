import { describe, expect, it } from 'vitest'
import { blockOfBatch, blockReader, messageAt, readBatch } from '#common/batch/index.ts'
import type { MessageEvent } from '#common/contract/index.ts'
import { batchOf } from '../../../support/batches.ts'

const message = (seq: number, extra: Partial<MessageEvent> = {}): MessageEvent => ({
  type: 'message',
  seq,
  ts: seq * 10,
  direction: 'in',
  kind: 'text',
  size: 5,
  data: `m${seq}`,
  ...extra,
})

/** Each row of a batch read back from its block, beside the batch's own reading. */
function readBack(messages: MessageEvent[]) {
  const batch = readBatch(batchOf(messages))
  const read = blockReader(blockOfBatch(batch))
  return {
    fromBlock: messages.map((_, i) => read(i)),
    fromBatch: messages.map((_, i) => messageAt(batch, i)),
  }
}

describe('blockReader', () => {
  const rows = [
    message(1),
    message(2, { direction: 'out', kind: 'binary', data: undefined, base64: 'AAEC/w==' }),
    message(3, { kind: 'sse-event', data: 'tick', event: 'price', id: '7', retry: 3000 }),
    message(4, { data: '', size: 0 }),
    message(5, { data: 'cut', truncated: true, size: 100 }),
  ]

  it('reads an ASCII block as the batch reads its rows', () => {
    const { fromBlock, fromBatch } = readBack(rows)
    expect(fromBlock).toEqual(fromBatch)
    expect(fromBlock).toEqual(rows)
  })

  it('reads rows with other characters byte by byte, to the same result', () => {
    const wide = [...rows, message(6, { data: 'héllo 🌍', event: 'ünï', kind: 'sse-event' })]
    const { fromBlock, fromBatch } = readBack(wide)
    expect(fromBlock).toEqual(fromBatch)
    expect(fromBlock[5]).toMatchObject({ data: 'héllo 🌍', event: 'ünï' })
  })
})
