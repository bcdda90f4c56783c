import {
  computed,
  onScopeDispose,
  reactive,
  ref,
  shallowRef,
  toRaw,
  toRef,
  watch,
  type Ref,
} from 'vue'
import type { StoredMessage } from '#common/contract/index.ts'
import { createLogSearch } from './log-search.ts'
import type { LogSource, OlderCount } from './log-source.ts'
import { compileHighlighter, compileSearch, FilteredRows, passesAll } from './log-view.ts'
import { defaultLogViewState, type LogViewState } from './log-view-state.ts'

/** How long typing must pause before the search runs. */
const SEARCH_DEBOUNCE_MS = 150

/**
 * The state of one view over a log source: filter, search and its current match, the selected
 * row and its whole message, and pause. The rows stay in the source; the view keeps only which
 * of them pass (see FilteredRows), rebuilt when the filter or the search changes.
 */
export function useLogView(
  source: Ref<LogSource>,
  state: LogViewState = reactive(defaultLogViewState()),
) {
  const filter = state.filter
  const query = toRef(state, 'query')
  const regex = toRef(state, 'regex')
  const selected = toRef(state, 'selected')
  const currentMatch = ref<number | null>(null)
  const pausedAt = ref<number | null>(null)
  const full = shallowRef<StoredMessage | null>(null)
  const loadingFull = ref(false)

  const search = computed(() => compileSearch(query.value, regex.value))
  /** Marks what the search found in a row's text. */
  const highlight = computed(() => compileHighlighter(query.value, regex.value))
  /** Show only the rows the search matches. */
  const onlyMatches = toRef(state, 'onlyMatches')
  /** Whether the list shows the matches (a search is on, and only matches asked for). */
  const showingMatches = computed(() => onlyMatches.value && search.value.matcher !== null)
  const view = new FilteredRows(structuredClone(toRaw(filter)))
  /** Bumped whenever `view` changes, since it is plain data. */
  const viewRevision = ref(0)
  /** A search is still going through the log. */
  const searching = ref(false)
  const logSearch = createLogSearch(
    (rows) => {
      // Hits come in order, each chunk after the last: appended as they are.
      for (let i = 0; i < rows.length; i++) view.matches.push(rows[i]!)
      viewRevision.value++
    },
    () => {
      searchingHeld = false
      searching.value = searchingOlder
    },
  )
  /** Stops the search of the rows before those held (in the host), if one runs. */
  let stopOlderSearch = (): void => {}
  let searchingOlder = false
  let searchingHeld = false
  onScopeDispose(() => {
    logSearch.cancel()
    stopOlderSearch()
  })
  let searchTimer: ReturnType<typeof setTimeout> | undefined

  /** Forgets the last search's hits (they answer another query now). */
  function clearMatches(): void {
    clearTimeout(searchTimer)
    logSearch.cancel()
    stopOlderSearch()
    searchingOlder = false
    view.matches.clear()
    view.olderMatches.clear()
    currentMatch.value = null
    searching.value = search.value.matcher !== null
    viewRevision.value++
  }

  /** Searches the whole log again, off the page's thread (see log-search.ts). */
  function startSearch(): void {
    clearMatches()
    if (search.value.matcher === null) return
    const log = source.value
    searchingHeld = true
    logSearch.start(
      { text: query.value, regex: regex.value },
      log,
      (n) => view.passes(log, n),
      log.held,
    )
    // The rows before those held are searched where they are kept, when no filter hides them.
    if (log.searchOlder && log.held > log.first && passesAll(filter)) {
      searchingOlder = true
      stopOlderSearch = log.searchOlder(
        { text: query.value, regex: regex.value },
        (rows) => {
          for (const n of rows) view.olderMatches.push(n)
          viewRevision.value++
        },
        () => {
          searchingOlder = false
          searching.value = searchingHeld
          stopOlderSearch = () => {}
        },
      )
    }
  }

  // A new revision adds rows to the view (and to a search under way); another source (a picker
  // changed) rebuilds it.
  watch(
    () => source.value,
    () => {
      rebuild()
      viewRevision.value++
    },
  )
  watch(
    () => source.value.revision,
    () => {
      view.update(source.value)
      // The new rows are searched quietly: no "searching…" flickering under a live stream.
      if (search.value.matcher !== null) logSearch.extend(source.value.total)
      viewRevision.value++
    },
    { immediate: true },
  )
  watch(
    () => JSON.stringify(filter),
    () => {
      rebuild()
      pausedAt.value = pausedAt.value === null ? null : view.visible.length
      viewRevision.value++
    },
  )
  // Typing searches once it pauses; the regular-expression switch, at once.
  watch(query, () => {
    clearMatches()
    searchTimer = setTimeout(startSearch, SEARCH_DEBOUNCE_MS)
  })
  watch(regex, startSearch)

  function rebuild(): void {
    view.reset(
      {
        directions: { ...filter.directions },
        kinds: { ...filter.kinds },
        eventTypes: [...filter.eventTypes],
        closeCodes: [...filter.closeCodes],
      },
      source.value,
    )
    startSearch()
    countOlder()
  }

  /**
   * With a filter on, the view shows the rows held that pass it; how many of the rows before them
   * (kept on disk) pass too is counted where they are.
   */
  const olderCount = shallowRef<OlderCount | null>(null)
  let stopOlderCount = (): void => {}
  function countOlder(): void {
    stopOlderCount()
    stopOlderCount = () => {}
    olderCount.value = null
    const log = source.value
    if (!log.countOlder || log.held <= log.first || passesAll(filter)) return
    stopOlderCount = log.countOlder(
      {
        directions: { ...filter.directions },
        kinds: { ...filter.kinds },
        eventTypes: [...filter.eventTypes],
        closeCodes: [...filter.closeCodes],
      },
      (count) => (olderCount.value = count),
    )
  }
  onScopeDispose(() => stopOlderCount())

  /** The rows the list shows: those the filter lets through, or only the matches among them. */
  const shown = computed(() => {
    void viewRevision.value
    return showingMatches.value ? view.allMatches : view.visible
  })
  const visibleCount = computed(() => {
    void viewRevision.value
    if (showingMatches.value) return view.allMatches.length
    return pausedAt.value === null
      ? view.visible.length
      : Math.min(pausedAt.value, view.visible.length)
  })
  const newWhilePaused = computed(() => {
    void viewRevision.value
    return pausedAt.value === null ? 0 : view.visible.length - pausedAt.value
  })
  const matchCount = computed(() => {
    void viewRevision.value
    return view.allMatches.length
  })
  const filterActive = computed(() => !passesAll(filter))
  const selectedRow = computed(() => {
    void viewRevision.value
    return selected.value === null ? undefined : source.value.row(selected.value)
  })
  const currentMatchIndex = computed(() => {
    void viewRevision.value
    return currentMatch.value === null ? null : view.allMatches.indexOf(currentMatch.value)
  })

  /** Moves to the next (1) or previous (−1) search match, selecting its row. */
  function step(direction: 1 | -1): void {
    const count = view.allMatches.length
    if (count === 0) return
    const at = currentMatch.value === null ? -1 : view.allMatches.indexOf(currentMatch.value)
    const index = at === -1 ? (direction === 1 ? 0 : count - 1) : (at + direction + count) % count
    currentMatch.value = view.allMatches.at(index)
    selected.value = currentMatch.value
  }

  function togglePause(): void {
    pausedAt.value = pausedAt.value === null ? view.visible.length : null
  }

  function clear(): void {
    source.value.clear?.()
    state.clearedAt = source.value.clearedAt ?? 0
    selected.value = null
    currentMatch.value = null
    pausedAt.value = pausedAt.value === null ? null : 0
  }

  watch(selected, () => {
    full.value = null
  })
  async function loadFull(): Promise<void> {
    const row = selectedRow.value
    if (selected.value === null || row?.type !== 'message') return
    loadingFull.value = true
    try {
      full.value = await source.value.fullMessage(selected.value)
    } finally {
      loadingFull.value = false
    }
  }

  /** Where the view was scrolled to when it was made (kept with its state), or null. */
  const initialTop = state.top
  /** The list scrolled: kept with the state (null while it follows the newest rows). */
  function scrolled(position: number, following: boolean): void {
    state.top = following ? null : position
  }

  // A query brought back with the view searches at once (and a filter counts).
  if (query.value !== '') startSearch()
  countOlder()

  return {
    filter,
    query,
    regex,
    search,
    view,
    viewRevision,
    selected,
    selectedRow,
    currentMatch,
    currentMatchIndex,
    pausedAt,
    visibleCount,
    newWhilePaused,
    matchCount,
    searching,
    highlight,
    onlyMatches,
    shown,
    filterActive,
    full,
    loadingFull,
    step,
    togglePause,
    clear,
    loadFull,
    initialTop,
    scrolled,
    olderCount,
  }
}
