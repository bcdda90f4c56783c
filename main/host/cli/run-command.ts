import { readdirSync, readFileSync, statSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { toRequest } from '#common/contract/draft-request.ts'
import type { KeyValueRow, VariableSets } from '#common/contract/index.ts'
import {
  formatJunit,
  formatStepLine,
  formatSummary,
  type NamedReport,
} from '#common/scenario/report-format.ts'
import { expandTemplates, variableTable } from '#common/templates/templates.ts'
import { runScenarioHeadless } from '../../scenarios/run-headless.ts'
import { parseSessionExport, type ImportedSession } from '../../sessions/session-transfer.ts'
import { readVariableSets } from '../../sessions/variable-store.ts'
import { defaultDataDir } from '../paths.ts'
import { parseCount, UsageError, type CliCommand } from './command.ts'

const REPORTERS = ['text', 'json', 'junit'] as const

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'Run the scenarios of exported sessions headless; exit 1 when one fails (for CI)',
  help: `Usage: realtime-playground run <session export | folder of them> [options]

Runs the scenario of each session (its steps and expectations, as saved in the app and
exported with "Export…") and prints each step's result. A folder runs every .json file in it.

Options:
  --var <name=value>      A variable for {{name}} (repeatable); wins over every other value
  --env <name>            Take variables from this environment of the app's data
                          (with the global ones); secret values sealed by the desktop
                          app's keychain are not readable here: pass them with --var
  --data-dir <dir>        The app data to read --env from (default: this user's)
  --reporter <name>       text (default), json, or junit (JUnit XML, for CI test reports)
  --output <file>         Write the json or junit report to this file (progress still printed)
  --iterations <n>        Run each scenario n times (default 1)
  -h, --help              Show this help

Exit code 0 when every scenario passes, 1 when one fails, 2 on bad input (a file that is not a
session export, a session without a scenario, an unknown --env, a variable nothing defines).`,
  options: {
    var: { type: 'string', multiple: true, default: [] },
    env: { type: 'string' },
    'data-dir': { type: 'string' },
    reporter: { type: 'string', default: 'text' },
    output: { type: 'string' },
    iterations: { type: 'string', default: '1' },
  },
  takesPositionals: true,
  async run(values, positionals, io) {
    if (positionals.length === 0)
      throw new UsageError('run needs a session export (or a folder of them), e.g. echo.json')
    const reporter = values.reporter as string
    if (!(REPORTERS as readonly string[]).includes(reporter))
      throw new UsageError(
        `--reporter must be text, json or junit, got ${JSON.stringify(reporter)}`,
      )
    const iterations = parseCount(values.iterations, '--iterations', 1, 100_000)
    const sessions = positionals.flatMap(readSessions)
    const layers = variableLayers(values)
    const reports: NamedReport[] = []
    for (const session of sessions) {
      if (session.draft.scenario.length === 0)
        throw new UsageError(
          `The session "${session.name}" has no scenario: add steps in the app's Scenario section`,
        )
      const table = variableTable([
        { scope: 'global', rows: layers.globals },
        { scope: 'session', rows: session.draft.variables },
        { scope: 'environment', rows: layers.environment },
        { scope: 'scenario', rows: layers.overrides },
      ])
      const problems: string[] = []
      const request = toRequest(session.draft, (text, field) => {
        const filled = expandTemplates(text, table, FIXED_SOURCES)
        if (filled.unknown[0] !== undefined)
          problems.push(`{{${filled.unknown[0]}}} in ${field} is not defined: pass it with --var`)
        return filled.text
      })
      if (problems[0] !== undefined) throw new UsageError(`${session.name}: ${problems[0]}`)
      for (let round = 1; round <= iterations; round++) {
        const name = iterations === 1 ? session.name : `${session.name} #${round}`
        if (reporter === 'text') io.stdout(`${name} (${request.url})`)
        const report = await runScenarioHeadless(request, session.draft.scenario, {
          variables: table,
          ...(reporter === 'text' ? { onStep: (step) => io.stdout(formatStepLine(step)) } : {}),
        })
        reports.push({ name, report })
      }
    }
    const output = reporter === 'junit' ? formatJunit(reports) : JSON.stringify(reports, null, 2)
    if (reporter !== 'text') {
      if (typeof values.output === 'string') await writeFile(values.output, output)
      else io.stdout(output)
    }
    io[reporter === 'text' || typeof values.output === 'string' ? 'stdout' : 'stderr'](
      formatSummary(reports),
    )
    return reports.every(({ report }) => report.passed) ? 0 : 1
  },
}

/** The request's own `{{uuid}}` and the like, filled once when the run starts. */
const FIXED_SOURCES = {
  nextCounter: () => 1,
  uuid: () => crypto.randomUUID(),
  now: () => Date.now(),
  random: () => Math.random(),
}

/** The session exports named: a file, or every .json file of a folder, in name order. */
function readSessions(path: string): ImportedSession[] {
  let files: string[]
  try {
    files = statSync(path).isDirectory()
      ? readdirSync(path)
          .filter((name) => name.endsWith('.json'))
          .sort()
          .map((name) => join(path, name))
      : [path]
  } catch {
    throw new UsageError(`${path} does not exist`)
  }
  if (files.length === 0) throw new UsageError(`${path} holds no .json session exports`)
  return files.map((file) => {
    try {
      return parseSessionExport(readFileSync(file, 'utf8'))
    } catch (error) {
      throw new UsageError(`${file}: ${error instanceof Error ? error.message : String(error)}`)
    }
  })
}

/** `--var name=value` options as variable rows. */
export function parseVars(pairs: readonly string[]): KeyValueRow[] {
  return pairs.map((pair) => {
    const at = pair.indexOf('=')
    if (at <= 0) throw new UsageError(`--var takes name=value, got ${JSON.stringify(pair)}`)
    return { name: pair.slice(0, at), value: pair.slice(at + 1), enabled: true }
  })
}

/** The variables from --env (and the globals beside it) and from --var. */
function variableLayers(values: Record<string, unknown>): {
  globals: KeyValueRow[]
  environment: KeyValueRow[]
  overrides: KeyValueRow[]
} {
  const overrides = parseVars(values.var as string[])
  if (typeof values.env !== 'string') return { globals: [], environment: [], overrides }
  const dataDir = typeof values['data-dir'] === 'string' ? values['data-dir'] : defaultDataDir()
  const sets: VariableSets | null = readVariableSets(join(dataDir, 'sessions.sqlite'))
  const environment = sets?.environments.find((env) => env.name === values.env)
  if (!sets || !environment) {
    const names = sets?.environments.map((env) => env.name).join(', ') || 'none'
    throw new UsageError(
      `There is no environment "${values.env}" in ${dataDir} (environments: ${names})`,
    )
  }
  return { globals: sets.globals, environment: environment.variables, overrides }
}
