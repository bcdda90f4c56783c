import type {
  AppEvents,
  ConnectionId,
  ConnectionSnapshot,
  RunSummary,
} from '#common/contract/index.ts'
import { ApiError } from '#common/contract/index.ts'
import type { EventHub } from '#common/rpc/index.ts'
import type { ConnectionManager, RecorderFactory } from '../connections/connection-manager.ts'
import { RunRecorder } from '../sessions/run-recorder.ts'
import type { RunStore } from '../sessions/run-store.ts'
import type { SessionStore } from '../sessions/session-store.ts'

/**
 * Which connections are being recorded into which session's runs. A run lasts from the connect
 * (or from when recording was switched on) to the final close: reconnects stay in the same run.
 */
export class RecordingControl {
  readonly #sessions: SessionStore
  readonly #runs: RunStore
  readonly #events: EventHub<AppEvents>
  readonly #recorders = new Map<ConnectionId, { recorder: RunRecorder; sessionId: string }>()
  #manager: ConnectionManager | null = null

  constructor(sessions: SessionStore, runs: RunStore, events: EventHub<AppEvents>) {
    this.#sessions = sessions
    this.#runs = runs
    this.#events = events
  }

  /** The manager is made after this control, which it reports snapshots to. */
  attach(manager: ConnectionManager): void {
    this.#manager = manager
  }

  /** For `connect`: records the new connection into `sessionId` from its very first event. */
  recorderFor(sessionId: string): RecorderFactory {
    this.#sessions.assertWritable()
    this.#sessions.get(sessionId)
    return ({ id, protocol, url }) => this.#begin(id, sessionId, protocol, url)
  }

  /** Starts recording an open connection from now on. */
  start(connectionId: ConnectionId, sessionId: string): RunSummary {
    this.#sessions.assertWritable()
    this.#sessions.get(sessionId)
    this.stop(connectionId)
    const snapshot = this.#manager!.get(connectionId)
    const recorder = this.#begin(
      connectionId,
      sessionId,
      snapshot.protocol,
      snapshot.handshake?.url ?? snapshot.request.url,
    )
    this.#manager!.setRecorder(connectionId, recorder)
    return this.#runs.get(recorder.runId)
  }

  stop(connectionId: ConnectionId): void {
    const entry = this.#recorders.get(connectionId)
    if (!entry) return
    this.#recorders.delete(connectionId)
    if (this.#manager) {
      try {
        this.#manager.setRecorder(connectionId, null)
      } catch {
        // The connection is already gone.
      }
    }
    entry.recorder.finish(Date.now())
    this.#events.emit('sessionRuns', { sessionId: entry.sessionId })
  }

  /** Ends the run when a connection has closed for good (not when it is about to reconnect). */
  onSnapshot(snapshot: ConnectionSnapshot): void {
    if (snapshot.state !== 'closed' || !this.#recorders.has(snapshot.id)) return
    setTimeout(() => {
      const state = this.#stateOf(snapshot.id)
      if (state === null || state === 'closed') this.stop(snapshot.id)
    }, 0)
  }

  stopAll(): void {
    for (const id of [...this.#recorders.keys()]) this.stop(id)
  }

  #begin(
    connectionId: ConnectionId,
    sessionId: string,
    protocol: 'ws' | 'sse',
    url: string,
  ): RunRecorder {
    const runId = this.#runs.begin(sessionId, protocol, url, Date.now())
    const recorder = new RunRecorder(this.#runs, runId, {
      onError: (error) => console.error(`Recording run ${runId} stopped: ${String(error)}`),
    })
    this.#recorders.set(connectionId, { recorder, sessionId })
    this.#sessions.touch(sessionId)
    this.#events.emit('sessionRuns', { sessionId })
    return recorder
  }

  #stateOf(id: ConnectionId): ConnectionSnapshot['state'] | null {
    try {
      return this.#manager?.get(id).state ?? null
    } catch (error) {
      if (error instanceof ApiError && error.code === 'NOT_FOUND') return null
      throw error
    }
  }
}
