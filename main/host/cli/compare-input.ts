import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { parseEventLog, type LogFileRow } from '#common/compare/index.ts'
import { ApiError } from '#common/contract/index.ts'
import { parseHar } from '../../sessions/har-import.ts'
import { EXPORT_FORMAT, parseSessionExport } from '../../sessions/session-transfer.ts'
import { UsageError } from './command.ts'

/** One side of `compare`: its rows, and a name that says where they came from. */
export interface CompareInput {
  name: string
  rows: LogFileRow[]
}

/**
 * Reads one side from any log the project writes: `connect --json` output, a log export (NDJSON or
 * a JSON array), a session export (`run` picks one of its runs, 1 = the oldest) or a HAR file
 * (`entry` picks one of its WebSocket entries). A file that is none of these is a UsageError
 * saying what it is.
 */
export async function readCompareInput(
  path: string,
  pick: { run?: number; entry?: number },
): Promise<CompareInput> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new UsageError(
      `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    )
  }
  const name = basename(path)
  const head = text.trimStart().slice(0, 4096)
  try {
    if (head.startsWith('{') && head.includes(`"${EXPORT_FORMAT}"`)) {
      const session = parseSessionExport(text)
      const runs = session.runs
      const index = choose(
        runs.length,
        pick.run,
        `${name} (session "${session.name}")`,
        'run',
        '--run',
      )
      return { name: `${name} run ${index + 1}`, rows: runs[index]!.events }
    }
    if (head.startsWith('{') && /"log"\s*:/.test(head)) {
      const entries = parseHar(text)
      const index = choose(entries.length, pick.entry, name, 'WebSocket entry', '--entry')
      return { name: `${name} entry ${index + 1}`, rows: entries[index]!.runs[0]!.events }
    }
    return { name, rows: parseEventLog(text) }
  } catch (error) {
    if (error instanceof ApiError || (error instanceof Error && error.name === 'LogFileError'))
      throw new UsageError(`${name}: ${error.message}`)
    throw error
  }
}

function choose(
  count: number,
  wanted: number | undefined,
  what: string,
  noun: string,
  flag: string,
): number {
  if (count === 0) throw new UsageError(`${what} has no ${noun} to compare`)
  if (wanted === undefined) {
    if (count === 1) return 0
    throw new UsageError(
      `${what} has ${count} ${noun}s: pick one with ${flag} 1 to ${flag} ${count}`,
    )
  }
  if (wanted < 1 || wanted > count)
    throw new UsageError(`${what} has ${count} ${noun}s: ${flag} ${wanted} is not one of them`)
  return wanted - 1
}
