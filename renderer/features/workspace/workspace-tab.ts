import type {
  ComparisonSpec,
  ComposerMode,
  ConnectionDraft,
  ConnectionId,
  SessionRun,
  SavedMessage,
} from '#common/contract/index.ts'

import { defaultLogViewState, type LogViewState } from '../message-log/log-view-state.ts'

export type TabId = string

/** A connection to edit, open and talk to. */
export interface ConnectionTab {
  kind: 'connection'
  id: TabId
  draft: ConnectionDraft
  /** The saved session the tab belongs to. */
  sessionId: string | null
  /** The draft and saved messages as last saved (see tab-state.ts); null if never saved. */
  savedText: string | null
  /** The connection the tab is showing, the latest one it opened. */
  connectionId: ConnectionId | null
  /** Every connection the tab opened, so closing the tab can forget them all. */
  connectionIds: ConnectionId[]
  /** The journals of the connections its log shows, oldest first: what a reload brings back. */
  runIds: number[]
  /** Why the last Connect could not even start (an invalid URL...). */
  connectError: string | null
  composer: { mode: ComposerMode; text: string }
  history: string[]
  savedMessages: SavedMessage[]
  /** The {{counter}} template variable's last value. */
  counter: number
  /** The request panel's height as the user dragged it; null: fitted to its content. */
  requestHeight: number | null
  /** How its log is looked at: filter, search, selection, scroll. */
  view: LogViewState
}

/** A recorded run, shown read-only. */
export interface RunTab {
  kind: 'run'
  id: TabId
  sessionId: string
  run: SessionRun
  /** How loading its events goes. */
  runLoad: { rows: number; done: boolean; error: string | null }
  /** How its log is looked at: filter, search, selection, scroll. */
  view: LogViewState
}

/** Two logs side by side. What the comparison found lives in the compare store, not here. */
export interface CompareTab {
  kind: 'compare'
  id: TabId
  spec: ComparisonSpec
  /** The session the comparison is saved with, and as which saved comparison. */
  sessionId: string | null
  comparisonId: string | null
  /** The spec as last saved (JSON), to mark unsaved changes; null if never saved. */
  savedText: string | null
}

export type WorkspaceTab = ConnectionTab | RunTab | CompareTab

/** A connection tab's fields before it has any history. */
export function newConnectionTab(
  id: TabId,
  fields: Partial<ConnectionTab> & Pick<ConnectionTab, 'draft'>,
): ConnectionTab {
  return {
    kind: 'connection',
    id,
    sessionId: null,
    savedText: null,
    connectionId: null,
    connectionIds: [],
    runIds: [],
    connectError: null,
    composer: { mode: 'text', text: '' },
    history: [],
    savedMessages: [],
    counter: 0,
    requestHeight: null,
    view: defaultLogViewState(),
    ...fields,
  }
}
