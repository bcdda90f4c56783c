/** A tab's title, and the URL it stands for when it has one. */
export interface TitledTab {
  title: string
  url: string | null
}

/** `url` parsed, or null. */
function parsed(url: string | null): URL | null {
  try {
    return url ? new URL(url) : null
  } catch {
    return null
  }
}

/**
 * What tells tabs of the same title apart, for each tab: nothing where its title is unique; else
 * the part of its URL that differs within its group (the host and port when those differ, else
 * the path and query), and where even that repeats, a number in order.
 */
export function titleDetails(tabs: readonly TitledTab[]): (string | null)[] {
  const groups = new Map<string, number[]>()
  tabs.forEach((tab, index) => groups.set(tab.title, [...(groups.get(tab.title) ?? []), index]))
  const details: (string | null)[] = tabs.map(() => null)
  for (const members of groups.values()) {
    if (members.length < 2) continue
    const urls = members.map((index) => parsed(tabs[index]!.url))
    const hosts = new Set(urls.map((url) => url?.host ?? ''))
    const parts = urls.map((url) =>
      url === null ? '' : hosts.size > 1 ? url.host : `${url.pathname}${url.search}`,
    )
    const seen = new Map<string, number>()
    members.forEach((index, position) => {
      const part = parts[position]!
      const repeats = parts.filter((other) => other === part).length > 1
      const nth = (seen.get(part) ?? 0) + 1
      seen.set(part, nth)
      // The same URL twice: only the number tells them apart.
      details[index] = repeats ? `#${nth}` : part
    })
  }
  return details
}

/** Where a tab dragged over another lands: before it, after it, or on it (to compare the two). */
export type DropZone = 'before' | 'after' | 'compare'

/**
 * The zone under the pointer at `x` across a tab `width` wide: its outer quarters reorder, its
 * middle compares (where the two can be compared; else each half reorders).
 */
export function dropZoneOf(x: number, width: number, canCompare: boolean): DropZone {
  const edge = canCompare ? width / 4 : width / 2
  if (x < edge) return 'before'
  if (x >= width - edge) return 'after'
  return 'compare'
}
