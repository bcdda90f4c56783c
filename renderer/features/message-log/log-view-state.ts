import { allVisible, type LogFilter } from './log-view.ts'

/** How a tab's log is looked at: what a reload or a restart brings back with its rows. */
export interface LogViewState {
  filter: LogFilter
  query: string
  regex: boolean
  onlyMatches: boolean
  /** The selected row's number, or null. */
  selected: number | null
  /** The position of the row at the top of the view; null while it follows the newest rows. */
  top: number | null
  /** A live log's journal rows before this place were cleared from it (Clear). */
  clearedAt: number
}

export function defaultLogViewState(): LogViewState {
  return {
    filter: allVisible(),
    query: '',
    regex: false,
    onlyMatches: false,
    selected: null,
    top: null,
    clearedAt: 0,
  }
}

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0

/**
 * A view state as kept (JSON), or the default where it is missing or damaged: each field is taken
 * only if it has the right type, so a state an older version kept still brings back what it can.
 */
export function parseLogViewState(text: string | undefined): LogViewState {
  const state = defaultLogViewState()
  let kept: Partial<Record<keyof LogViewState, unknown>>
  try {
    kept = JSON.parse(text ?? '{}') as typeof kept
  } catch {
    return state
  }
  if (typeof kept !== 'object' || kept === null) return state
  if (typeof kept.query === 'string') state.query = kept.query
  if (typeof kept.regex === 'boolean') state.regex = kept.regex
  if (typeof kept.onlyMatches === 'boolean') state.onlyMatches = kept.onlyMatches
  if (isCount(kept.selected)) state.selected = kept.selected
  if (isCount(kept.top)) state.top = kept.top
  if (isCount(kept.clearedAt)) state.clearedAt = kept.clearedAt
  const filter = kept.filter as Partial<LogFilter> | undefined
  if (typeof filter === 'object' && filter !== null) {
    for (const part of ['directions', 'kinds'] as const) {
      const flags = filter[part] as Record<string, unknown> | undefined
      const into = state.filter[part] as Record<string, boolean>
      for (const name of Object.keys(into))
        if (typeof flags?.[name] === 'boolean') into[name] = flags[name]
    }
    if (Array.isArray(filter.eventTypes))
      state.filter.eventTypes = filter.eventTypes.filter((type) => typeof type === 'string')
    if (Array.isArray(filter.closeCodes))
      state.filter.closeCodes = filter.closeCodes.filter((code) => isCount(code))
  }
  return state
}
