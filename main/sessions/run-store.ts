import type { DatabaseSync, StatementSync } from 'node:sqlite'
import { readBatch } from '#common/batch/index.ts'
import {
  ApiError,
  redactEvent,
  secretsOf,
  type ConnectionEvent,
  type MessageEvent,
  type RealtimeProtocol,
  type RunEventsPage,
  type RunSummary,
  type SessionRun,
} from '#common/contract/index.ts'
import { BatchJournal } from './batch-journal.ts'
import { RunReader } from './run-reader.ts'
import { inTransaction } from './transaction.ts'

interface RunRow {
  id: number
  session_id: string | null
  protocol: RealtimeProtocol
  url: string
  started_at: number
  ended_at: number | null
  message_count: number
  bytes: number
  last_seq: number | null
}

/** A run's summary with its last seq: the greatest of its batches' and its single rows'. */
const SUMMARY = `SELECT runs.*, max(
    coalesce((SELECT max(last_seq) FROM run_batches WHERE run_id = runs.id), 0),
    coalesce((SELECT max(seq) FROM run_events WHERE run_id = runs.id), 0)
  ) AS last_seq FROM runs`

/** A scratch run (an unsaved tab's journal) as the budget counts it. */
export interface ScratchRun {
  id: number
  startedAt: number
  endedAt: number | null
  /** What its journal takes on disk: its batches and its single rows. */
  diskBytes: number
}

/** One event ready to store: its seq, its JSON, and whether it counts as a message (and its size). */
export interface StoredEvent {
  seq: number
  json: string
  messageBytes: number | null
}

/** The secrets every stored event is cleared of, whoever made it (a live connection, an import). */
const STORED_SECRETS = secretsOf()

/**
 * A lifecycle event as it may be stored: the live connection already cleared it of its own
 * secrets; this clears the credentials any event might carry (an imported HAR's Authorization).
 */
function storable(event: StoredEvent): string {
  if (event.messageBytes !== null) return event.json
  const parsed = JSON.parse(event.json) as ConnectionEvent
  return JSON.stringify(redactEvent(parsed, STORED_SECRETS))
}

/**
 * Recorded runs (connect to close) and their events: the batches a live connection's view got,
 * as they came (in a journal file per run, indexed in run_batches), and events stored one by one
 * (run_events: imports, and large messages whole, which stand in for their previews in the
 * batches). Written, indexed, listed and deleted here; read back by its RunReader.
 */
export class RunStore {
  readonly #db: DatabaseSync
  readonly #journal: BatchJournal
  readonly #reader: RunReader
  readonly #insertEvent: StatementSync
  readonly #insertWhole: StatementSync
  readonly #insertBatch: StatementSync
  readonly #addCounts: StatementSync

  /** `journalDir`: where the runs' batch files are kept (beside the database). */
  constructor(db: DatabaseSync, journalDir: string) {
    this.#db = db
    this.#journal = new BatchJournal(journalDir)
    this.#reader = new RunReader(db, this.#journal)
    this.#insertEvent = db.prepare(
      'INSERT OR IGNORE INTO run_events (run_id, seq, event) VALUES (?, ?, ?)',
    )
    this.#insertWhole = db.prepare(
      'INSERT OR REPLACE INTO run_events (run_id, seq, event) VALUES (?, ?, ?)',
    )
    this.#insertBatch = db.prepare(
      'INSERT INTO run_batches (run_id, first_seq, last_seq, last_ts, offset, length) VALUES (?, ?, ?, ?, ?, ?)',
    )
    this.#addCounts = db.prepare(
      'UPDATE runs SET message_count = message_count + ?, bytes = bytes + ? WHERE id = ?',
    )
  }

  /**
   * Closes runs a previous process left open (it was killed mid-recording): each ends at its last
   * stored event. Called once at startup.
   */
  closeInterruptedRuns(): void {
    this.#db
      .prepare(
        `UPDATE runs SET ended_at = coalesce(nullif(max(
           coalesce((SELECT max(json_extract(event, '$.ts')) FROM run_events WHERE run_id = runs.id), -1),
           coalesce((SELECT max(last_ts) FROM run_batches WHERE run_id = runs.id), -1)
         ), -1), started_at)
         WHERE ended_at IS NULL`,
      )
      .run()
  }

  /** Starts a run: in session `sessionId`, or (null) a scratch one. */
  begin(
    sessionId: string | null,
    protocol: RealtimeProtocol,
    url: string,
    startedAt: number,
  ): number {
    const result = this.#db
      .prepare('INSERT INTO runs (session_id, protocol, url, started_at) VALUES (?, ?, ?, ?)')
      .run(sessionId, protocol, url, startedAt)
    return Number(result.lastInsertRowid)
  }

  /** Stores a batch of events in one transaction: all of them, or none. */
  append(runId: number, events: readonly StoredEvent[]): void {
    if (events.length > 0)
      inTransaction(this.#db, () => this.appendInCurrentTransaction(runId, events))
  }

  /** Stores events inside a transaction the caller holds (an import). */
  appendInCurrentTransaction(runId: number, events: readonly StoredEvent[]): void {
    let messages = 0
    let bytes = 0
    for (const event of events) {
      this.#insertEvent.run(runId, event.seq, storable(event))
      if (event.messageBytes !== null) {
        messages++
        bytes += event.messageBytes
      }
    }
    this.#addCounts.run(messages, bytes, runId)
  }

  /** Index rows for batches written, large messages whole and the counts, in one transaction. */
  #index(
    runId: number,
    indexed: readonly (NonNullable<ReturnType<typeof spanOf>> & {
      offset: number
      length: number
    })[],
    whole: readonly MessageEvent[],
  ): void {
    inTransaction(this.#db, () => {
      let messages = 0
      let bytes = 0
      for (const batch of indexed) {
        messages += batch.messages
        bytes += batch.bytes
        this.#insertBatch.run(
          runId,
          batch.firstSeq,
          batch.lastSeq,
          batch.lastTs,
          batch.offset,
          batch.length,
        )
      }
      for (const message of whole)
        this.#insertWhole.run(runId, message.seq, JSON.stringify(message))
      this.#addCounts.run(messages, bytes, runId)
    })
  }

  /**
   * Stores batches (as the live view got them, see main/common/batch) and large messages whole:
   * the batches are written to the run's file off the loop (libuv's thread pool), then their
   * index rows, the large messages and the counts go in one transaction — all of them, or none —
   * and `done` is called. The batches' events were cleared of the connection's secrets where
   * they were made (LiveConnection), which every live event passes.
   */
  appendBatches(
    runId: number,
    batches: readonly Uint8Array[],
    whole: readonly MessageEvent[],
    done: (error: Error | null) => void,
  ): void {
    const spans = batches.map(spanOf)
    const kept = batches.filter((_, i) => spans[i] !== null)
    this.#journal.appendAll(runId, kept, (error, offsets) => {
      if (error) return done(error)
      try {
        const indexed = spans
          .filter((span) => span !== null)
          .map((span, i) => ({ ...span, offset: offsets[i]!, length: kept[i]!.length }))
        this.#index(runId, indexed, whole)
        done(null)
      } catch (indexError) {
        done(indexError as Error)
      }
    })
  }

  /** The raw batches of a run, oldest first (for readers that want its columns). */
  batches(runId: number): Generator<Uint8Array> {
    return this.#reader.batches(runId)
  }

  /** See RunReader.scanBatches: for a scan, each batch good only until the next. */
  scanBatches(runId: number, fromSeq: number, toSeq: number): Generator<Uint8Array> {
    return this.#reader.scanBatches(runId, fromSeq, toSeq)
  }

  /** Removes the journal files of runs that are gone (with their sessions). */
  removeOrphanJournals(): void {
    const ids = this.#db.prepare('SELECT id FROM runs').all() as { id: number }[]
    this.#journal.removeAllBut(new Set(ids.map(({ id }) => id)))
  }

  end(runId: number, endedAt: number): void {
    this.#journal.close(runId)
    this.#db
      .prepare('UPDATE runs SET ended_at = ? WHERE id = ? AND ended_at IS NULL')
      .run(endedAt, runId)
  }

  list(sessionId: string): SessionRun[] {
    const rows = this.#db
      .prepare(`${SUMMARY} WHERE session_id = ? ORDER BY started_at DESC`)
      .all(sessionId) as unknown as RunRow[]
    return rows.map((row) => ({ ...summaryOf(row), sessionId }))
  }

  get(runId: number): RunSummary {
    const row = this.#db.prepare(`${SUMMARY} WHERE id = ?`).get(runId) as RunRow | undefined
    if (!row) throw new ApiError('NOT_FOUND', `There is no kept run ${runId}`)
    return summaryOf(row)
  }

  /** The runs of `runIds` that are still there, in that order. */
  some(runIds: readonly number[]): RunSummary[] {
    const found = this.#db.prepare(`${SUMMARY} WHERE id = ?`)
    return runIds.flatMap((id) => {
      const row = found.get(id) as RunRow | undefined
      return row ? [summaryOf(row)] : []
    })
  }

  /**
   * Moves runs into session `sessionId`, or (null) makes them scratch; returns the sessions they
   * were in.
   */
  moveRuns(runIds: readonly number[], sessionId: string | null): string[] {
    const before = new Set<string>()
    const find = this.#db.prepare('SELECT session_id FROM runs WHERE id = ?')
    const move = this.#db.prepare('UPDATE runs SET session_id = ? WHERE id = ?')
    inTransaction(this.#db, () => {
      for (const runId of runIds) {
        const row = find.get(runId) as { session_id: string | null } | undefined
        if (row?.session_id) before.add(row.session_id)
        move.run(sessionId, runId)
      }
    })
    return [...before]
  }

  /** The scratch runs, oldest first, with what each takes on disk. */
  scratchRuns(): ScratchRun[] {
    return this.#db
      .prepare(
        `SELECT id, started_at AS startedAt, ended_at AS endedAt,
           coalesce((SELECT sum(length) FROM run_batches WHERE run_id = runs.id), 0)
           + coalesce((SELECT sum(length(event)) FROM run_events WHERE run_id = runs.id), 0)
           AS diskBytes
         FROM runs WHERE session_id IS NULL ORDER BY started_at, id`,
      )
      .all() as unknown as ScratchRun[]
  }

  /** A page of a run's events after `afterSeq`, in order. */
  events(runId: number, afterSeq: number, limit: number): RunEventsPage {
    this.get(runId)
    return this.#reader.page(runId, afterSeq, limit)
  }

  /** Every event of a run as JSON, oldest first (for export). */
  allEvents(runId: number): Generator<string> {
    return this.#reader.allEvents(runId)
  }

  delete(runId: number): void {
    this.get(runId)
    this.#db.prepare('DELETE FROM runs WHERE id = ?').run(runId)
    this.#journal.remove(runId)
  }
}

function summaryOf(row: RunRow): RunSummary {
  return {
    id: row.id,
    sessionId: row.session_id,
    protocol: row.protocol,
    url: row.url,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    messageCount: row.message_count,
    bytes: row.bytes,
    lastSeq: row.last_seq ?? 0,
  }
}

/** What a batch holds, for its index row; null for an empty one. */
function spanOf(bytes: Uint8Array): {
  firstSeq: number
  lastSeq: number
  lastTs: number
  messages: number
  bytes: number
} | null {
  const batch = readBatch(bytes)
  let firstSeq = Infinity
  let lastSeq = -Infinity
  let lastTs = -Infinity
  for (const event of batch.events) {
    firstSeq = Math.min(firstSeq, event.seq)
    lastSeq = Math.max(lastSeq, event.seq)
    lastTs = Math.max(lastTs, event.ts)
  }
  let size = 0
  if (batch.count > 0) {
    firstSeq = Math.min(firstSeq, batch.seq[0]!)
    lastSeq = Math.max(lastSeq, batch.seq[batch.count - 1]!)
    lastTs = Math.max(lastTs, batch.ts[batch.count - 1]!)
    for (let i = 0; i < batch.count; i++) size += batch.size[i]!
  }
  if (firstSeq === Infinity) return null
  return { firstSeq, lastSeq, lastTs, messages: batch.count, bytes: size }
}
