import type { DatabaseSync } from 'node:sqlite'
import { eventsOf, readBatch } from '#common/batch/index.ts'
import type { ConnectionEvent, RunEventsPage } from '#common/contract/index.ts'
import type { BatchJournal } from './batch-journal.ts'

/** One event of a run as read back: from a batch (an object) or a row of its own (JSON). */
interface ReadEvent {
  seq: number
  event?: ConnectionEvent
  json?: string
}

/**
 * Reads runs back: their batches from the journal files, by the index in run_batches, merged in
 * seq order with the events stored one by one (run_events), a row of its own (a large message
 * whole) standing in for its batch's preview. RunStore writes and indexes; this reads.
 */
export class RunReader {
  readonly #db: DatabaseSync
  readonly #journal: BatchJournal

  constructor(db: DatabaseSync, journal: BatchJournal) {
    this.#db = db
    this.#journal = journal
  }

  /** The raw batches of a run, oldest first (for readers that want its columns). */
  *batches(runId: number): Generator<Uint8Array> {
    for (const { offset, length } of this.#db
      .prepare('SELECT offset, length FROM run_batches WHERE run_id = ? ORDER BY first_seq')
      .iterate(runId) as Iterable<{ offset: number; length: number }>)
      yield this.#journal.read(runId, offset, length)
  }

  /**
   * The raw batches of a run holding events `fromSeq`…`toSeq`, in order, for a scan: each is read
   * into the same buffer, so it is good only until the next one.
   */
  *scanBatches(runId: number, fromSeq: number, toSeq: number): Generator<Uint8Array> {
    const spans = this.#db
      .prepare(
        'SELECT offset, length FROM run_batches WHERE run_id = ? AND last_seq >= ? AND first_seq <= ? ORDER BY first_seq',
      )
      .iterate(runId, fromSeq, toSeq) as Iterable<{ offset: number; length: number }>
    let reader: ReturnType<BatchJournal['reader']> | null = null
    try {
      for (const { offset, length } of spans) {
        reader ??= this.#journal.reader(runId)
        yield reader.read(offset, length)
      }
    } finally {
      reader?.close()
    }
  }

  /** A page of a run's events after `afterSeq`, in order. */
  page(runId: number, afterSeq: number, limit: number): RunEventsPage {
    const events: ConnectionEvent[] = []
    let more = false
    for (const read of this.#eventsAfter(runId, afterSeq)) {
      if (events.length === limit) {
        more = true
        break
      }
      events.push(read.event ?? (JSON.parse(read.json!) as ConnectionEvent))
    }
    return { events, nextAfterSeq: more ? events.at(-1)!.seq : null }
  }

  /** Every event of a run as JSON, oldest first (for export). */
  *allEvents(runId: number): Generator<string> {
    for (const read of this.#eventsAfter(runId, 0)) yield read.json ?? JSON.stringify(read.event)
  }

  /**
   * The run's events after `afterSeq` in seq order: its batches and its single rows merged, a row
   * of its own (a large message whole) standing in for the batch's row of the same seq.
   */
  *#eventsAfter(runId: number, afterSeq: number): Generator<ReadEvent> {
    const rows = this.#db
      .prepare('SELECT seq, event FROM run_events WHERE run_id = ? AND seq > ? ORDER BY seq')
      .iterate(runId, afterSeq) as Iterator<{ seq: number; event: string }, undefined>
    const fromBatches = this.#batchEventsAfter(runId, afterSeq)
    let row = rows.next()
    let batched = fromBatches.next()
    while (!row.done || !batched.done) {
      if (batched.done || (!row.done && row.value.seq <= batched.value.seq)) {
        // Here the rows are not done (the batches are, or the row comes first).
        const { seq, event } = row.value as { seq: number; event: string }
        if (!batched.done && batched.value.seq === seq) batched = fromBatches.next()
        yield { seq, json: event }
        row = rows.next()
      } else {
        yield { seq: batched.value.seq, event: batched.value }
        batched = fromBatches.next()
      }
    }
  }

  *#batchEventsAfter(runId: number, afterSeq: number): Generator<ConnectionEvent> {
    const batches = this.#db
      .prepare(
        'SELECT offset, length FROM run_batches WHERE run_id = ? AND last_seq > ? ORDER BY first_seq',
      )
      .iterate(runId, afterSeq) as Iterable<{ offset: number; length: number }>
    for (const { offset, length } of batches) {
      const batch = readBatch(this.#journal.read(runId, offset, length))
      for (const event of eventsOf(batch)) if (event.seq > afterSeq) yield event
    }
  }
}
