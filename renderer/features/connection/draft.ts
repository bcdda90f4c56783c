import { resolveTarget } from '#common/contract/connection-request.ts'
import { ApiError, type ConnectionDraft } from '#common/contract/index.ts'

/** Why the URL cannot be connected to, in a sentence, or null when it can. */
export function urlProblem(draft: ConnectionDraft): string | null {
  if (draft.url.trim() === '') return null
  try {
    resolveTarget(draft.url, draft.protocolOverride ?? undefined)
    return null
  } catch (error) {
    return error instanceof ApiError ? error.message : String(error)
  }
}

/** The query parameters of a URL, in order; an empty list when it does not parse. */
export function paramsOf(url: string): { name: string; value: string }[] {
  const query = url.indexOf('?')
  if (query === -1) return []
  const end = url.indexOf('#', query)
  const search = url.slice(query + 1, end === -1 ? undefined : end)
  const params: { name: string; value: string }[] = []
  for (const [name, value] of new URLSearchParams(search)) params.push({ name, value })
  return params
}

/** The URL with its query replaced by `params` (the rest kept as typed). */
export function withParams(
  url: string,
  params: readonly { name: string; value: string }[],
): string {
  const query = url.indexOf('?')
  const hash = url.indexOf('#', query === -1 ? 0 : query)
  const base = url.slice(0, query === -1 ? (hash === -1 ? undefined : hash) : query)
  const fragment = hash === -1 ? '' : url.slice(hash)
  const search = new URLSearchParams()
  for (const { name, value } of params) if (name !== '' || value !== '') search.append(name, value)
  // `{{name}}` stays as typed (encoded, it would no longer be filled in).
  const text = search
    .toString()
    .replace(
      /%7B%7B(.*?)%7D%7D/gi,
      (_, inner: string) => `{{${decodeURIComponent(inner.replaceAll('+', ' '))}}}`,
    )
  return `${base}${text ? `?${text}` : ''}${fragment}`
}

/** A tab's title: the URL's last path segment (or host), else "New connection". */
export function titleOf(url: string): string {
  const match = /^[a-z]+:\/\/([^/?#]+)([^?#]*)/i.exec(url.trim())
  if (!match) return url.trim() || 'New connection'
  const path = match[2]!.replace(/\/+$/, '')
  return path ? path.slice(path.lastIndexOf('/') + 1) || match[1]! : match[1]!
}
