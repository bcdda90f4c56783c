import type { DatabaseSync, StatementSync } from 'node:sqlite'
import {
  ApiError,
  redactEvent,
  secretsOf,
  type ConnectionEvent,
  type RealtimeProtocol,
  type RunEventsPage,
  type RunSummary,
} from '#common/contract/index.ts'
import { inTransaction } from './transaction.ts'

interface RunRow {
  id: number
  session_id: string
  protocol: RealtimeProtocol
  url: string
  started_at: number
  ended_at: number | null
  message_count: number
  bytes: number
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

/** Recorded runs (connect to close) and their events. */
export class RunStore {
  readonly #db: DatabaseSync
  readonly #insertEvent: StatementSync
  readonly #addCounts: StatementSync

  constructor(db: DatabaseSync) {
    this.#db = db
    this.#insertEvent = db.prepare(
      'INSERT OR IGNORE INTO run_events (run_id, seq, event) VALUES (?, ?, ?)',
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
        `UPDATE runs SET ended_at = coalesce((SELECT max(json_extract(event, '$.ts')) FROM run_events WHERE run_id = runs.id), started_at)
         WHERE ended_at IS NULL`,
      )
      .run()
  }

  begin(sessionId: string, protocol: RealtimeProtocol, url: string, startedAt: number): number {
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

  end(runId: number, endedAt: number): void {
    this.#db
      .prepare('UPDATE runs SET ended_at = ? WHERE id = ? AND ended_at IS NULL')
      .run(endedAt, runId)
  }

  list(sessionId: string): RunSummary[] {
    const rows = this.#db
      .prepare('SELECT * FROM runs WHERE session_id = ? ORDER BY started_at DESC')
      .all(sessionId) as unknown as RunRow[]
    return rows.map(summaryOf)
  }

  get(runId: number): RunSummary {
    const row = this.#db.prepare('SELECT * FROM runs WHERE id = ?').get(runId) as RunRow | undefined
    if (!row) throw new ApiError('NOT_FOUND', `There is no recorded run ${runId}`)
    return summaryOf(row)
  }

  /** A page of a run's events after `afterSeq`, in order. */
  events(runId: number, afterSeq: number, limit: number): RunEventsPage {
    this.get(runId)
    const rows = this.#db
      .prepare(
        'SELECT seq, event FROM run_events WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      )
      .all(runId, afterSeq, limit + 1) as { seq: number; event: string }[]
    const page = rows.slice(0, limit)
    return {
      events: JSON.parse(`[${page.map((row) => row.event).join(',')}]`) as ConnectionEvent[],
      nextAfterSeq: rows.length > limit ? page.at(-1)!.seq : null,
    }
  }

  /** Every event of a run, oldest first (for export). */
  *allEvents(runId: number): Generator<string> {
    for (const row of this.#db
      .prepare('SELECT event FROM run_events WHERE run_id = ? ORDER BY seq')
      .iterate(runId)) {
      yield (row as { event: string }).event
    }
  }

  delete(runId: number): void {
    this.get(runId)
    this.#db.prepare('DELETE FROM runs WHERE id = ?').run(runId)
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
  }
}
