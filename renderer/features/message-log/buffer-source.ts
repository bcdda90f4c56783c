import type { StoredMessage } from '#common/contract/index.ts'
import type { LogBuffer } from './log-buffer.ts'
import type { LogSource, LogSourceKind } from './log-source.ts'

/**
 * A log its buffer holds whole (a recorded run, an opened file; a live log is a liveSource, over
 * its journal too) as a source for the log view. `buffer` is asked each time: the log may be
 * given a new one (resized, loaded again).
 */
export function bufferSource(
  kind: Exclude<LogSourceKind, 'live'>,
  log: {
    revision(): number
    buffer(): LogBuffer
    /** True while rows the row limit let go count as dropped (false: the log was loaded whole). */
    drops(): boolean
    fullMessage(n: number): Promise<StoredMessage>
  },
): LogSource {
  return {
    kind,
    get revision() {
      return log.revision()
    },
    get first() {
      return log.buffer().first
    },
    get held() {
      return log.buffer().first
    },
    get total() {
      return log.buffer().total
    },
    get size() {
      return log.buffer().size
    },
    get dropped() {
      return log.drops() ? log.buffer().dropped : 0
    },
    row: (n) => log.buffer().row(n),
    filterKindOf: (n) => log.buffer().filterKindOf(n),
    directionOf: (n) => log.buffer().directionOf(n),
    eventTypeOf: (n) => log.buffer().eventTypeOf(n),
    connectTsOf: (n) => log.buffer().connectTsOf(n),
    rows: () => log.buffer().rows(),
    exportBlock: (...args) => log.buffer().exportBlock(...args),
    fullMessage: (n) => log.fullMessage(n),
  }
}
