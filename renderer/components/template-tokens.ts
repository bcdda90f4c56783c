import { inject, provide, type InjectionKey } from 'vue'
import type { TemplateToken } from '#common/templates/templates.ts'

/** What the `{{names}}` of a text refer to, for the fields below to mark them. */
export type TokensOf = (text: string) => TemplateToken[]

const TOKENS: InjectionKey<TokensOf> = Symbol('template tokens')

/** Lets the template fields below this component mark their `{{names}}`. */
export function provideTemplateTokens(tokensOf: TokensOf): void {
  provide(TOKENS, tokensOf)
}

/** The tokens function an ancestor provides, or null (the field shows plain text). */
export function injectTemplateTokens(): TokensOf | null {
  return inject(TOKENS, null)
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
