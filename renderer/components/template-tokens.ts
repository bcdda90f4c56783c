import { inject, provide, type InjectionKey } from 'vue'
import {
  DYNAMIC_VARIABLES,
  type TemplateToken,
  type VariableTable,
} from '#common/templates/templates.ts'

/** The variables `{{names}}` can refer to where a field is (read when needed: it changes). */
export type TableOf = () => VariableTable

const VARIABLES: InjectionKey<TableOf> = Symbol('template variables')

/** Lets the template fields below this component mark and complete their `{{names}}`. */
export function provideTemplateVariables(tableOf: TableOf): void {
  provide(VARIABLES, tableOf)
}

/** The variables an ancestor provides, or null (the field is plain text). */
export function injectTemplateVariables(): TableOf | null {
  return inject(VARIABLES, null)
}

/** A name the field can complete to, and what it stands for. */
export interface Suggestion {
  name: string
  detail: string
}

/** The partial name after an open `{{` just before the caret ("us" in `id={{us|`), or null. */
export function referenceBeforeCaret(text: string, caret: number): string | null {
  return /\{\{\s*([\w.$-]*)$/.exec(text.slice(0, caret))?.[1] ?? null
}

/** Names that start with (then contain) `partial`: defined variables first, then dynamic ones. */
export function suggestionsFor(partial: string, table: VariableTable, limit = 8): Suggestion[] {
  const all: Suggestion[] = [
    ...[...table.values()].map((variable) => ({
      name: variable.name,
      detail: variable.secret
        ? `${variable.scope} · secret`
        : `${variable.scope} · ${variable.value}`,
    })),
    ...DYNAMIC_VARIABLES.map((variable) => ({
      name: variable.name,
      detail: `dynamic · ${variable.note}`,
    })),
  ]
  const needle = partial.toLowerCase()
  const starts = all.filter((item) => item.name.toLowerCase().startsWith(needle))
  const contains = all.filter(
    (item) => !starts.includes(item) && item.name.toLowerCase().includes(needle),
  )
  return [...starts, ...contains].slice(0, limit)
}

/** The text cut at its tokens: plain runs and marked `{{names}}`, in order. */
export function segmentsOf(
  text: string,
  tokens: readonly TemplateToken[],
): { text: string; kind: TemplateToken['kind'] | null }[] {
  const segments: { text: string; kind: TemplateToken['kind'] | null }[] = []
  let at = 0
  for (const token of tokens) {
    if (token.start > at) segments.push({ text: text.slice(at, token.start), kind: null })
    segments.push({ text: text.slice(token.start, token.end), kind: token.kind })
    at = token.end
  }
  if (at < text.length) segments.push({ text: text.slice(at), kind: null })
  return segments
}

/** The sentence for a field's unknown names, or null when it has none. */
export function unknownWarning(tokens: readonly TemplateToken[]): string | null {
  const names = [...new Set(tokens.filter((t) => t.kind === 'unknown').map((t) => t.name))]
  return names.length === 0 ? null : unknownNamesWarning(names)
}

/** "{{a}} is not defined…" for names no variable has. */
export function unknownNamesWarning(names: readonly string[]): string {
  const list = names.map((name) => `{{${name}}}`).join(', ')
  return `${list} ${names.length === 1 ? 'is' : 'are'} not defined: add ${names.length === 1 ? 'it' : 'them'} under Variables or Environments before connecting`
}
