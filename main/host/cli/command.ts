import type { ParseArgsOptionsConfig } from 'node:util'

/** Where a command writes: passed in so tests and the launcher can capture it. */
export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
}

export interface CliCommand {
  name: string
  /** One line for the command list. */
  summary: string
  /** Usage and options, shown by `<command> --help`. */
  help: string
  options: ParseArgsOptionsConfig
  /** Whether the command takes arguments besides its options (`connect <url>`). */
  takesPositionals: boolean
  /** Runs to completion (a server runs until it is told to stop) and gives the exit code. */
  run(values: Record<string, unknown>, positionals: string[], io: CliIo): Promise<number>
}

/** A mistake in how the command was called: reported with a pointer to `--help`, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

/** Parses a port option: an integer 0–65535, where 0 asks the system for a free port. */
export function parsePort(value: unknown, flag = '--port'): number {
  const text = String(value)
  const port = Number(text)
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new UsageError(
      `${flag} must be a whole number from 0 to 65535, got ${JSON.stringify(text)}`,
    )
  }
  return port
}

/** Parses a whole-number option within `min`–`max`. */
export function parseCount(value: unknown, flag: string, min: number, max: number): number {
  const text = String(value)
  const count = Number(text)
  if (!/^\d+$/.test(text) || count < min || count > max) {
    throw new UsageError(
      `${flag} must be a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`,
    )
  }
  return count
}

/** Resolves when the process is asked to stop (Ctrl+C or SIGTERM). */
export function untilStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
      resolve(signal)
    }
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
  })
}
