import { mkdirSync, readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DEFAULT_LOAD, exportArtillery, type LoadShape } from '#common/scenario/artillery-export.ts'
import { ScenarioInputError } from '#common/scenario/conditions.ts'
import { exportK6 } from '#common/scenario/k6-export.ts'
import { variableTable } from '#common/templates/templates.ts'
import { parseSessionExport } from '../../sessions/session-transfer.ts'
import { parseCount, UsageError, type CliCommand } from './command.ts'
import { parseVars } from './run-command.ts'

export const exportLoadCommand: CliCommand = {
  name: 'export-load',
  summary:
    'Write a session\u2019s scenario as an Artillery load test (many virtual users, many machines)',
  help: `Usage: realtime-playground export-load <session export> [options]

Writes the scenario of an exported session as a load test. Artillery: <name>.artillery.yml and the
processor module it calls, <name>.processor.cjs; run it with "npx artillery run <name>.artillery.yml",
or on many machines with "artillery run-fargate --count N". k6 (WebSocket scenarios): <name>.k6.js,
for "k6 run". The run exits non-zero when an expectation fails in any virtual user. Secret
variables are not written: set RP_<NAME> when running (k6: -e RP_<NAME>=...).

Options:
  --format <name>         artillery (default) or k6
  --out <dir>             Where to write the two files (default: the current folder)
  --arrival-rate <n>      New virtual users per second (default ${DEFAULT_LOAD.arrivalRate})
  --duration <seconds>    How long users keep arriving (default ${DEFAULT_LOAD.durationSeconds})
  --max-vusers <n>        The most virtual users at once
  --var <name=value>      A variable for {{name}} (repeatable)
  -h, --help              Show this help

Exit code 0 when written, 2 on bad input (not a session export, no scenario, a step Artillery
cannot run, such as a second connect).`,
  options: {
    format: { type: 'string', default: 'artillery' },
    out: { type: 'string', default: '.' },
    'arrival-rate': { type: 'string' },
    duration: { type: 'string' },
    'max-vusers': { type: 'string' },
    var: { type: 'string', multiple: true, default: [] },
  },
  takesPositionals: true,
  async run(values, positionals, io) {
    const [file, ...extra] = positionals
    if (file === undefined || extra.length > 0)
      throw new UsageError('export-load takes one session export, e.g. echo.json')
    if (values.format !== 'artillery' && values.format !== 'k6')
      throw new UsageError(`--format must be artillery or k6, got ${JSON.stringify(values.format)}`)
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch {
      throw new UsageError(`${file} does not exist`)
    }
    let session
    try {
      session = parseSessionExport(text)
    } catch (error) {
      throw new UsageError(`${file}: ${error instanceof Error ? error.message : String(error)}`)
    }
    if (session.draft.scenario.length === 0)
      throw new UsageError(`The session "${session.name}" has no scenario to export`)
    const load: LoadShape = {
      arrivalRate:
        values['arrival-rate'] === undefined
          ? DEFAULT_LOAD.arrivalRate
          : parseCount(values['arrival-rate'], '--arrival-rate', 1, 100_000),
      durationSeconds:
        values.duration === undefined
          ? DEFAULT_LOAD.durationSeconds
          : parseCount(values.duration, '--duration', 1, 86_400),
      ...(values['max-vusers'] === undefined
        ? {}
        : { maxVusers: parseCount(values['max-vusers'], '--max-vusers', 1, 1_000_000) }),
    }
    const table = variableTable([
      { scope: 'session', rows: session.draft.variables },
      { scope: 'scenario', rows: parseVars(values.var as string[]) },
    ])
    let files: { name: string; text: string }[]
    try {
      if (values.format === 'k6') {
        const k6 = exportK6(session.name, session.draft, table, load)
        files = [{ name: k6.scriptName, text: k6.script }]
      } else {
        const artillery = exportArtillery(session.name, session.draft, table, load)
        files = [
          { name: artillery.scriptName, text: artillery.script },
          { name: artillery.processorName, text: artillery.processor },
        ]
      }
    } catch (error) {
      if (error instanceof ScenarioInputError) throw new UsageError(error.message)
      throw error
    }
    const dir = values.out as string
    mkdirSync(dir, { recursive: true })
    for (const file of files) await writeFile(join(dir, file.name), file.text)
    io.stdout(`Wrote ${files.map((file) => join(dir, file.name)).join(' and ')}`)
    return 0
  },
}
