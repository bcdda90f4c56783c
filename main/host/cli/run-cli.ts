import { parseArgs } from 'node:util'
import { PRODUCT } from '../product.ts'
import { appCommand } from './app-command.ts'
import { UsageError, type CliCommand, type CliIo } from './command.ts'
import { compareCommand } from './compare-command.ts'
import { connectCommand } from './connect-command.ts'
import { exportLoadCommand } from './export-load-command.ts'
import { runCommand } from './run-command.ts'
import { serveCommand } from './serve-command.ts'

const COMMANDS: readonly CliCommand[] = [
  appCommand,
  serveCommand,
  connectCommand,
  compareCommand,
  runCommand,
  exportLoadCommand,
]
const DEFAULT_COMMAND = appCommand

const BIN = 'realtime-playground'

const consoleIo: CliIo = {
  stdout: (text) => console.log(text),
  stderr: (text) => console.error(text),
}

function generalHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length))
  return `${PRODUCT.productName} ${PRODUCT.version}: a playground for SSE and WebSocket endpoints.

Usage: ${BIN} [command] [options]

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n')}

Without a command, runs "${DEFAULT_COMMAND.name}".
Run "${BIN} <command> --help" for a command's options.`
}

/** Runs the command line `argv` (without node and script) and gives the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = consoleIo): Promise<number> {
  const [first, ...rest] = argv
  if (first === '--help' || first === '-h' || first === 'help') {
    io.stdout(generalHelp())
    return 0
  }
  if (first === '--version' || first === '-v') {
    io.stdout(PRODUCT.version)
    return 0
  }
  const named = first !== undefined && !first.startsWith('-')
  const command = named ? COMMANDS.find((candidate) => candidate.name === first) : DEFAULT_COMMAND
  if (!command) {
    io.stderr(`${BIN}: unknown command "${first}". Run "${BIN} --help" for the list.`)
    return 2
  }
  const args = named ? rest : [...argv]
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: command.takesPositionals,
      allowNegative: true,
      strict: true,
    })
    if (values.help === true) {
      io.stdout(command.help)
      return 0
    }
    return await command.run(values, positionals, io)
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr(`${BIN} ${command.name}: ${(error as Error).message}`)
      io.stderr(`Run "${BIN} ${command.name} --help" for usage.`)
      return 2
    }
    io.stderr(`${BIN} ${command.name}: ${error instanceof Error ? error.message : String(error)}`)
    return 1
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')
}
