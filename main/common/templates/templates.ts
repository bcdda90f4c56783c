import type { KeyValueRow } from '../contract/session.ts'

/** Where a variable is defined; a later scope wins over an earlier one with the same name. */
export type VariableScope = 'global' | 'session' | 'environment' | 'scenario'

export interface DefinedVariable {
  name: string
  value: string
  secret: boolean
  scope: VariableScope
}

/** The variables a `{{name}}` can refer to, by name. */
export type VariableTable = ReadonlyMap<string, DefinedVariable>

/** The sources dynamic variables draw from, passed in so tests can pin them. */
export interface DynamicSources {
  nextCounter(): number
  uuid(): string
  now(): number
  random(): number
}

/** The variables every text can use without defining them. */
export const DYNAMIC_VARIABLES = [
  { name: 'uuid', note: 'a random UUID' },
  { name: 'timestamp', note: 'epoch milliseconds' },
  { name: 'isoTime', note: 'the time, ISO 8601' },
  { name: 'counter', note: '1, 2, 3… in this tab' },
  { name: 'randomInt', note: '0 to 999 999' },
] as const

type DynamicName = (typeof DYNAMIC_VARIABLES)[number]['name']

/** Postman's names for the same values, so text written there works here. */
export const POSTMAN_NAMES: Readonly<Record<string, DynamicName>> = {
  $guid: 'uuid',
  $randomUUID: 'uuid',
  $timestamp: 'timestamp',
  $isoTimestamp: 'isoTime',
  $randomInt: 'randomInt',
}

const DYNAMIC_NAMES = new Set<string>(DYNAMIC_VARIABLES.map((variable) => variable.name))

/** `{{ name }}`: letters, digits, `_ . -`, and a leading `$` for Postman's dynamic names. */
const REFERENCE = /\{\{\s*(\$?[\w][\w.-]*)\s*\}\}/g

/** How deep a variable's value may refer to other variables. */
const MAX_DEPTH = 5

/** Rows in scope order; disabled and nameless rows are left out. */
export function variableTable(
  layers: readonly { scope: VariableScope; rows: readonly KeyValueRow[] }[],
): VariableTable {
  const table = new Map<string, DefinedVariable>()
  for (const { scope, rows } of layers)
    for (const row of rows) {
      const name = row.name.trim()
      if (!row.enabled || name === '') continue
      table.set(name, { name, value: row.value, secret: row.secret === true, scope })
    }
  return table
}

/** The dynamic variable a name stands for, if any; a defined variable wins over one without `$`. */
function dynamicOf(name: string, table: VariableTable): DynamicName | null {
  if (name.startsWith('$')) return POSTMAN_NAMES[name] ?? null
  return DYNAMIC_NAMES.has(name) && !table.has(name) ? (name as DynamicName) : null
}

export type TemplateTokenKind = 'variable' | 'secret' | 'dynamic' | 'unknown'

export interface TemplateToken {
  start: number
  end: number
  name: string
  kind: TemplateTokenKind
}

/** Each `{{name}}` in `text`, with what it refers to: for highlighting as the user types. */
export function templateTokens(text: string, table: VariableTable): TemplateToken[] {
  const tokens: TemplateToken[] = []
  for (const match of text.matchAll(REFERENCE)) {
    const name = match[1]!
    const defined = table.get(name)
    tokens.push({
      start: match.index,
      end: match.index + match[0].length,
      name,
      kind:
        dynamicOf(name, table) !== null
          ? 'dynamic'
          : defined
            ? defined.secret
              ? 'secret'
              : 'variable'
            : 'unknown',
    })
  }
  return tokens
}

export interface Expansion {
  text: string
  /** Names that nothing defines, left as typed: the text must not be sent. */
  unknown: string[]
  /** The values of secret variables that went in, for what records the text to leave out. */
  secrets: string[]
}

/**
 * Fills each `{{name}}` of `text`: a defined variable (its value may refer to others), or a dynamic
 * one — `{{uuid}}`, `{{timestamp}}` (epoch ms), `{{isoTime}}`, `{{counter}}` (1, 2, 3… per tab),
 * `{{randomInt}}` (0–999 999), and Postman's `{{$guid}}`, `{{$timestamp}}`… Unknown names stay as
 * typed and are reported.
 */
export function expandTemplates(
  text: string,
  table: VariableTable,
  sources: DynamicSources,
): Expansion {
  const unknown: string[] = []
  const secrets: string[] = []
  const expand = (input: string, depth: number, seen: readonly string[]): string =>
    input.replace(REFERENCE, (whole, name: string) => {
      const dynamic = dynamicOf(name, table)
      if (dynamic !== null) return dynamicValue(dynamic, sources)
      const defined = table.get(name)
      if (!defined || depth >= MAX_DEPTH || seen.includes(name)) {
        if (!unknown.includes(name)) unknown.push(name)
        return whole
      }
      const value = expand(defined.value, depth + 1, [...seen, name])
      if (defined.secret && value !== '' && !secrets.includes(value)) secrets.push(value)
      return value
    })
  return { text: expand(text, 0, []), unknown, secrets }
}

function dynamicValue(name: DynamicName, sources: DynamicSources): string {
  switch (name) {
    case 'uuid':
      return sources.uuid()
    case 'timestamp':
      return String(Math.floor(sources.now()))
    case 'isoTime':
      return new Date(sources.now()).toISOString()
    case 'counter':
      return String(sources.nextCounter())
    case 'randomInt':
      return String(Math.floor(sources.random() * 1_000_000))
    default:
      return name satisfies never
  }
}
