import { markRaw } from 'vue'
import { eventLogRowsOf, SHORTEST_ROW_BYTES } from '#common/compare/index.ts'
import type { CompareSourceRef } from '#common/contract/index.ts'
import type { TabId } from '../features/workspace/workspace-tab.ts'
import type { LogSource } from '../features/message-log/log-source.ts'
import type { useLiveLogStore } from './live-logs.ts'
import type { useWorkspaceStore } from './workspace.ts'

/** One side as the compare view sees it: its log, or why there is none. */
export interface SideState {
  source: LogSource | null
  problem: string | null
  /** A run being read in, or a file. */
  loading: boolean
}

/**
 * How a side of a comparison gets its log: a tab's (live or a run's), a run read in from a
 * session, or a file read in; the log kept under `key` in the log store. What goes wrong is the
 * side's problem, in a sentence.
 */
export function createSideReader(
  logs: ReturnType<typeof useLiveLogStore>,
  workspace: ReturnType<typeof useWorkspaceStore>,
) {
  /** Finds the log a side refers to: a tab's live log, a run (read in), or a file (kept). */
  async function resolve(
    state: SideState,
    key: TabId,
    ref: CompareSourceRef | null,
  ): Promise<void> {
    state.problem = null
    if (ref === null) {
      state.source = null
      return
    }
    switch (ref.kind) {
      case 'tab': {
        const target = workspace.tabs.find((candidate) => candidate.id === ref.tabId)
        if (!target || target.kind === 'compare') {
          state.source = null
          state.problem = `The tab “${ref.label}” is closed: pick another log.`
        } else {
          state.source = markRaw(logs.source(target.id, target.kind === 'run' ? 'run' : 'live'))
        }
        return
      }
      case 'run': {
        state.loading = true
        try {
          await logs.loadRun(key, ref.runId)
          state.source = markRaw(logs.source(key, 'run'))
        } catch (error) {
          state.source = null
          state.problem = `The run “${ref.label}” could not be read: ${error instanceof Error ? error.message : String(error)}`
        } finally {
          state.loading = false
        }
        return
      }
      case 'file':
        // A file's rows are kept only while the app runs.
        if (!state.source)
          state.problem = `Open “${ref.label}” again: files are not kept across restarts.`
        return
      default:
        return ref satisfies never
    }
  }

  /** Reads a log file for one side; its problem, if it is not a log, is the side's. */
  async function loadFile(
    state: SideState,
    key: TabId,
    file: File,
  ): Promise<CompareSourceRef | null> {
    state.loading = true
    try {
      await logs.loadRows(
        key,
        eventLogRowsOf(file.stream().pipeThrough(new TextDecoderStream())),
        Math.max(1, Math.ceil(file.size / SHORTEST_ROW_BYTES)),
      )
      state.source = markRaw(logs.source(key, 'file'))
      state.problem = null
      return { kind: 'file', label: file.name }
    } catch (error) {
      state.problem = `${file.name}: ${error instanceof Error ? error.message : String(error)}`
      return null
    } finally {
      state.loading = false
    }
  }

  return { resolve, loadFile }
}
