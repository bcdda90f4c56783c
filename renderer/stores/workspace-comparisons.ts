import type { Ref } from 'vue'
import { DEFAULT_COMPARE_OPTIONS } from '#common/compare/index.ts'
import type { CompareSourceRef, ComparisonSpec } from '#common/contract/index.ts'
import { draftProtocol } from '#common/contract/draft-request.ts'
import type { CompareTab, TabId, WorkspaceTab } from '../features/workspace/workspace-tab.ts'

/** What opening comparisons needs of the workspace. */
export interface ComparisonTabs {
  tabs: Ref<WorkspaceTab[]>
  activeId: Ref<TabId | null>
  /** Adds a tab, made active. */
  add: (tab: CompareTab) => CompareTab
  titleOfTab: (tab: WorkspaceTab) => string
  newId: (prefix: string) => string
}

/** The workspace's compare tabs: opened from tabs, runs, or a saved comparison. */
export function createComparisonTabs({ tabs, activeId, add, titleOfTab, newId }: ComparisonTabs) {
  /** How a comparison refers to a tab's log: a run by its id (it outlives the tab), else the tab. */
  function sourceRefOf(tabId: TabId): CompareSourceRef | null {
    const target = tabs.value.find((candidate) => candidate.id === tabId)
    if (!target || target.kind === 'compare') return null
    const protocol = target.kind === 'run' ? target.run.protocol : draftProtocol(target.draft)
    const label =
      `${protocol === 'ws' ? 'WS' : protocol === 'sse' ? 'SSE' : ''} ${titleOfTab(target)}`.trim()
    return target.kind === 'run'
      ? { kind: 'run', runId: target.run.id, sessionId: target.sessionId, label }
      : { kind: 'tab', tabId, label }
  }

  /** A new comparison of two tabs' logs (or of one, the other side to pick), made active. */
  function compareTabs(leftTabId: TabId | null, rightTabId: TabId | null = null): TabId {
    return openComparison({
      left: leftTabId === null ? null : sourceRefOf(leftTabId),
      right: rightTabId === null ? null : sourceRefOf(rightTabId),
      options: { ...DEFAULT_COMPARE_OPTIONS },
    })
  }

  /** Opens a compare tab: its saved comparison's tab if open, else a new one. */
  function openComparison(
    spec: ComparisonSpec,
    saved: { sessionId: string; comparisonId: string } | null = null,
  ): TabId {
    const open =
      saved && tabs.value.find((t) => t.kind === 'compare' && t.comparisonId === saved.comparisonId)
    if (open) {
      activeId.value = open.id
      return open.id
    }
    return add({
      kind: 'compare',
      id: newId('c'),
      spec,
      sessionId: saved?.sessionId ?? null,
      comparisonId: saved?.comparisonId ?? null,
      savedText: saved ? JSON.stringify(spec) : null,
    }).id
  }

  return { sourceRefOf, compareTabs, openComparison }
}
