import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { packageRoot } from '../../main/host/paths.ts'

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Runs the command line from source in a child process (Node 24 runs TypeScript as is), with
 * `stdin` piped in, and resolves when it exits.
 */
export function runCliProcess(args: string[], stdin = '', timeoutMs = 10_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [
      join(packageRoot(), 'main', 'host', 'cli', 'main.ts'),
      ...args,
    ])
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(
        new Error(
          `realtime-playground ${args.join(' ')} did not exit within ${timeoutMs} ms:\n${stdout}\n${stderr}`,
        ),
      )
    }, timeoutMs)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
    child.stdin.end(stdin)
  })
}
